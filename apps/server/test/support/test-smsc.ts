import type { AddressInfo } from 'node:net';
import smpp, { type Pdu, type Session } from 'smpp';

/** What the test SMSC answers to one submit_sm, and which receipt it sends after it. */
export interface SubmitAnswer {
  /** Non-zero: refuse the submit with this SMPP command status. */
  commandStatus?: number;
  messageId?: string;
  /** Receipt to send after the answer; `none` sends none, `silent` does not even answer the submit. */
  receipt?: 'text' | 'tlv' | 'none' | 'silent';
  /** The id the receipt names (default: the message id). */
  receiptId?: string;
  /** `stat:` word / message_state of the receipt. Default DELIVRD / 2. */
  stat?: string;
  messageState?: number;
  err?: string;
}

export interface TestSmsc {
  port: number;
  /** Every bind_transceiver received, accepted or not. */
  binds: Pdu[];
  submits: Pdu[];
  enquireLinks: number;
  /** When true, enquire_link goes unanswered, as on a link that silently died. */
  ignoreEnquireLink: boolean;
  unbinds: number;
  /** Sessions still open. */
  readonly sessions: Session[];
  /** How the next submits are answered (default: accept with a fresh id and a text receipt). */
  answer: (pdu: Pdu) => SubmitAnswer;
  /** Cuts every open connection, as a crashing SMSC or a broken network would. */
  dropAll(): void;
  /** Asks every bound client to unbind, as an SMSC going down for maintenance would. */
  unbindAll(): void;
  close(): Promise<void>;
}

/**
 * A real SMPP server on loopback (node-smpp's server side) that behaves like a small SMSC: it checks
 * bind credentials, answers submit_sm with a message id, and then sends a delivery receipt.
 */
export async function startTestSmsc(credentials: { systemId: string; password: string }): Promise<TestSmsc> {
  let counter = 0;
  const sessions = new Set<Session>();
  const smsc: TestSmsc = {
    port: 0,
    binds: [],
    submits: [],
    enquireLinks: 0,
    ignoreEnquireLink: false,
    unbinds: 0,
    get sessions() {
      return [...sessions];
    },
    answer: () => ({}),
    dropAll() {
      for (const session of sessions) session.destroy();
    },
    unbindAll() {
      for (const session of sessions) session.unbind();
    },
    close: async () => {
      smsc.dropAll();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };

  const server = smpp.createServer((session) => {
    sessions.add(session);
    session.socket.on('close', () => sessions.delete(session));
    // A client that cuts the connection shows up here as ECONNRESET; that is what the tests do.
    session.on('error', () => {});

    session.on('bind_transceiver', (pdu: Pdu) => {
      smsc.binds.push(pdu);
      if (pdu.system_id !== credentials.systemId) {
        session.send(pdu.response({ command_status: smpp.errors.ESME_RINVSYSID }));
        session.close();
        return;
      }
      if (pdu.password !== credentials.password) {
        session.send(pdu.response({ command_status: smpp.errors.ESME_RINVPASWD }));
        session.close();
        return;
      }
      session.send(pdu.response({ system_id: 'TESTSMSC' }));
    });

    session.on('submit_sm', (pdu: Pdu) => {
      smsc.submits.push(pdu);
      const answer = smsc.answer(pdu);
      if (answer.receipt === 'silent') return;
      if (answer.commandStatus) {
        session.send(pdu.response({ command_status: answer.commandStatus }));
        return;
      }
      counter++;
      const messageId = answer.messageId ?? `m${String(counter).padStart(6, '0')}`;
      session.send(pdu.response({ message_id: messageId }));
      const receiptId = answer.receiptId ?? messageId;
      const stat = answer.stat ?? 'DELIVRD';
      const receipt = answer.receipt ?? 'text';
      if (receipt === 'none') return;
      const common = {
        source_addr_ton: pdu.dest_addr_ton,
        source_addr_npi: pdu.dest_addr_npi,
        source_addr: pdu.destination_addr,
        dest_addr_ton: pdu.source_addr_ton,
        dest_addr_npi: pdu.source_addr_npi,
        destination_addr: pdu.source_addr,
        esm_class: 0x04,
      };
      if (receipt === 'text') {
        session.deliver_sm({
          ...common,
          short_message: `id:${receiptId} sub:001 dlvrd:001 submit date:2611261200 done date:2611261200 stat:${stat} err:${answer.err ?? '000'} text:`,
        });
      } else {
        session.deliver_sm({
          ...common,
          short_message: '',
          receipted_message_id: receiptId,
          message_state: answer.messageState ?? 2,
        });
      }
    });

    session.on('enquire_link', (pdu: Pdu) => {
      smsc.enquireLinks++;
      if (!smsc.ignoreEnquireLink) session.send(pdu.response());
    });

    session.on('unbind', (pdu: Pdu) => {
      smsc.unbinds++;
      session.send(pdu.response());
      session.close();
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  smsc.port = (server.address() as AddressInfo).port;
  return smsc;
}
