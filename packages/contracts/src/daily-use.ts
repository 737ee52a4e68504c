import { type Static, Type } from 'typebox';

export const DailyUseQuery = Type.Object(
  { days: Type.Optional(Type.Integer({ minimum: 1, maximum: 92, default: 30 })) },
  { additionalProperties: false },
);
export type DailyUseQuery = Static<typeof DailyUseQuery>;

export const DailyDataUse = Type.Object({
  timeZone: Type.String({ description: 'The billing time zone whose calendar days these are' }),
  days: Type.Array(
    Type.Object({
      date: Type.String({ description: 'YYYY-MM-DD' }),
      bytes: Type.Integer({ minimum: 0, description: 'Data used in sessions that started that day' }),
    }),
    { description: 'Oldest first, every day of the window (0 when nothing was used), today last' },
  ),
});
export type DailyDataUse = Static<typeof DailyDataUse>;
