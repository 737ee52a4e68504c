/**
 * The part of node-smpp (https://github.com/farhadi/node-smpp, 0.5.x) that Kabinet uses. The package
 * ships no types and there is no @types package.
 */
declare module 'smpp' {
  import type { EventEmitter } from 'node:events';
  import type { Server as NetServer, Socket } from 'node:net';

  /** A decoded PDU: its header plus every mandatory parameter and TLV by its SMPP name. */
  export interface Pdu {
    command: string;
    command_id: number;
    command_status: number;
    sequence_number: number;
    [field: string]: unknown;
    isResponse(): boolean;
    response(options?: Record<string, unknown>): Pdu;
  }

  export type ResponseCallback = (pdu: Pdu) => void;
  type Command = (options?: Record<string, unknown>, onResponse?: ResponseCallback) => boolean;

  export class Session extends EventEmitter {
    socket: Socket;
    /** Writes a PDU; false (and no callback ever) when the socket is no longer writable. */
    send(pdu: Pdu, onResponse?: ResponseCallback, onSent?: ResponseCallback): boolean;
    close(callback?: () => void): void;
    destroy(callback?: () => void): void;
    pause(): void;
    resume(): void;
    bind_transceiver: Command;
    bind_transceiver_resp: Command;
    submit_sm: Command;
    submit_sm_resp: Command;
    deliver_sm: Command;
    deliver_sm_resp: Command;
    enquire_link: Command;
    enquire_link_resp: Command;
    unbind: Command;
    unbind_resp: Command;
    generic_nack: Command;
  }

  export class Server extends NetServer {
    sessions: Session[];
  }

  export class PDU implements Pdu {
    constructor(command: string, options?: Record<string, unknown>);
    command: string;
    command_id: number;
    command_status: number;
    sequence_number: number;
    [field: string]: unknown;
    isResponse(): boolean;
    response(options?: Record<string, unknown>): Pdu;
  }

  interface Smpp {
    connect(options: { host: string; port: number; tls?: boolean }, listener?: () => void): Session;
    createServer(listener?: (session: Session) => void): Server;
    createServer(options: Record<string, unknown>, listener?: (session: Session) => void): Server;
    PDU: typeof PDU;
    /** Command status names to codes: `errors.ESME_RINVPASWD === 0x0e`. */
    errors: Record<string, number>;
  }

  /** Import the default export: Node's ESM loader does not see every CommonJS export of the package. */
  const smpp: Smpp;
  export default smpp;
}
