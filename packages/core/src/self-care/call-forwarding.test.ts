import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors/domain-error';
import { decideCallForwarding } from './call-forwarding';

const LINE = '+79000000001';

function fieldsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('validation_failed');
    const errors = ((error as DomainError).details?.errors ?? []) as { field: string }[];
    return errors.map((e) => e.field);
  }
  throw new Error('expected a refusal');
}

describe('decideCallForwarding', () => {
  it('normalises national and international numbers, landlines too, and defaults no answer to 20 s', () => {
    expect(
      decideCallForwarding(
        LINE,
        {
          busy: { number: '8 916 123-45-67' },
          no_answer: { number: '+7 495 123-45-67' },
          unreachable: null,
        },
        'RU',
      ),
    ).toEqual([
      { condition: 'busy', number: '+79161234567', noAnswerSeconds: null },
      { condition: 'no_answer', number: '+74951234567', noAnswerSeconds: 20 },
    ]);
  });

  it('keeps an allowed ringing time and turns everything off with an empty request', () => {
    expect(
      decideCallForwarding(LINE, { no_answer: { number: '+79161234567', noAnswerSeconds: 5 } }, 'RU'),
    ).toEqual([{ condition: 'no_answer', number: '+79161234567', noAnswerSeconds: 5 }]);
    expect(decideCallForwarding(LINE, {}, 'RU')).toEqual([]);
  });

  it('refuses, all at once and by field, a bad number, the line itself and a ringing time the network does not take', () => {
    expect(
      fieldsOf(() =>
        decideCallForwarding(
          LINE,
          {
            unconditional: { number: '12' },
            busy: { number: '8 900 000-00-01' },
            no_answer: { number: '+79161234567', noAnswerSeconds: 7 },
            unreachable: { number: '+79161234567', noAnswerSeconds: 10 },
          },
          'RU',
        ),
      ),
    ).toEqual([
      'body.unconditional.number',
      'body.busy.number',
      'body.no_answer.noAnswerSeconds',
      'body.unreachable.noAnswerSeconds',
    ]);
  });
});
