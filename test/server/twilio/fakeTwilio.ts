/**
 * A local HTTP stand-in of Twilio's REST API (2010-04-01 Calls, Conferences, Participants) for the real `twilio`
 * client: it records every request (method, path, form parameters, query) and answers with Twilio-shaped JSON from
 * FakeTwilioModel. Nothing here reaches the internet.
 */
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { AddressInfo } from 'node:net';
import { FakeTwilioModel, type Continuation, type FakeCall, type FakeParticipant } from './fakeTwilioModel';

export const ACCOUNT_SID = 'AC' + '1'.repeat(32);

export interface RecordedRequest {
  method: string;
  /** The path after `/2010-04-01/Accounts/<AccountSid>`, e.g. `/Calls/CA….json`. */
  path: string;
  form: Record<string, string>;
  query: Record<string, string>;
}

interface Failure {
  method: string;
  path: RegExp;
  status: number;
  code: number;
}

type Params = Record<string, string>;

const callJson = (call: FakeCall) => ({
  sid: call.sid,
  account_sid: ACCOUNT_SID,
  from: call.from,
  to: call.to,
  status: call.status,
  parent_call_sid: call.parentCallSid,
});

const participantJson = (p: FakeParticipant) => ({
  account_sid: ACCOUNT_SID,
  call_sid: p.callSid,
  conference_sid: p.conferenceSid,
  hold: p.hold,
  muted: false,
  end_conference_on_exit: p.endConferenceOnExit,
  start_conference_on_enter: true,
  status: p.status,
  label: null,
});

const page = (key: string, items: unknown[]) => ({
  [key]: items,
  page: 0,
  page_size: items.length,
  start: 0,
  end: Math.max(items.length - 1, 0),
  first_page_uri: '',
  next_page_uri: null,
  previous_page_uri: null,
  uri: '',
});

export class FakeTwilio {
  readonly requests: RecordedRequest[] = [];
  readonly model: FakeTwilioModel;
  private readonly failures: Failure[] = [];
  private baseUrlValue = '';
  private constructor(
    private readonly app: FastifyInstance,
    model: FakeTwilioModel,
  ) {
    this.model = model;
  }

  /** `http://127.0.0.1:<ephemeral port>`: give it to the REST client as its API base URL. */
  get baseUrl(): string {
    return this.baseUrlValue;
  }

  static async start(continuation: Continuation): Promise<FakeTwilio> {
    const app = Fastify();
    const model = new FakeTwilioModel(continuation);
    app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(String(body))));
    });
    const fake = new FakeTwilio(app, model);
    fake.routes();
    await app.listen({ host: '127.0.0.1', port: 0 });
    fake.baseUrlValue = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    return fake;
  }

  /** Closes the server and the REST client's kept-alive sockets to it. */
  async close(): Promise<void> {
    this.app.server.closeAllConnections();
    await this.app.close();
  }

  /** The next request matching method and path is answered with a Twilio error instead. */
  failNext(method: string, path: RegExp, status: number, code: number): void {
    this.failures.push({ method, path, status, code });
  }

  /** The requests after `mark` (a count of requests taken earlier), without the polling reads. */
  writesSince(mark: number): RecordedRequest[] {
    return this.requests.slice(mark).filter((request) => request.method !== 'GET');
  }

  /** Waits until no <Dial> continuation is running (they call back into the server under test). */
  async settle(): Promise<void> {
    while (this.model.pending.size > 0) await Promise.all([...this.model.pending]);
  }

  private routes(): void {
    const prefix = `/2010-04-01/Accounts/:account`;
    const on = (method: 'GET' | 'POST', url: string, handler: (params: Params, form: Params) => unknown) => {
      this.app.route({ method, url: prefix + url, handler: (request, reply) => this.serve(request, reply, handler) });
    };
    const model = this.model;
    const call = (params: Params) => model.calls.get(params['sid'] ?? '');
    const conference = (params: Params) => model.conferences.get(params['cf'] ?? '');
    on('GET', '/Calls/:sid.json', (params) => call(params) && callJson(call(params)!));
    on('GET', '/Calls.json', (_params, query) =>
      page(
        'calls',
        [...model.calls.values()]
          .filter((c) => !query['ParentCallSid'] || c.parentCallSid === query['ParentCallSid'])
          .filter((c) => !query['Status'] || c.status === query['Status'])
          .map(callJson),
      ),
    );
    on('POST', '/Calls.json', (_params, form) => {
      const created = model.newCall(form['From'] ?? '', form['To'] ?? '');
      if (created.status === 'in-progress' && form['Twiml']) model.execute(created, form['Twiml']);
      return callJson(created);
    });
    on('POST', '/Calls/:sid.json', (params, form) => {
      const target = call(params);
      if (!target) return undefined;
      if (form['Status'] === 'completed') model.complete(target);
      else if (form['Twiml']) model.execute(target, form['Twiml']);
      return callJson(target);
    });
    on('GET', '/Conferences.json', (_params, query) =>
      page(
        'conferences',
        [...model.conferences.values()]
          .filter((c) => !query['FriendlyName'] || c.friendlyName === query['FriendlyName'])
          .filter((c) => !query['Status'] || c.status === query['Status'])
          .map((c) => ({ sid: c.sid, account_sid: ACCOUNT_SID, friendly_name: c.friendlyName, status: c.status })),
      ),
    );
    on('POST', '/Conferences/:cf.json', (params, form) => {
      const target = conference(params);
      if (!target) return undefined;
      if (form['Status'] === 'completed') model.endConference(target);
      return { sid: target.sid, account_sid: ACCOUNT_SID, friendly_name: target.friendlyName, status: target.status };
    });
    on('GET', '/Conferences/:cf/Participants.json', (params) => {
      const target = conference(params);
      return target && page('participants', model.participantsOf(target.sid).map(participantJson));
    });
    on('POST', '/Conferences/:cf/Participants.json', (params, form) => {
      const target = conference(params);
      if (!target) return undefined;
      const leg = model.newCall(form['From'] ?? '', form['To'] ?? '');
      const status = leg.status === 'in-progress' ? 'connected' : 'ringing';
      return participantJson(model.join(leg, target.friendlyName, form['EndConferenceOnExit'] === 'true', status));
    });
    on('POST', '/Conferences/:cf/Participants/:sid.json', (params, form) => {
      const participant = model.participants.find(
        (p) => p.conferenceSid === params['cf'] && p.callSid === params['sid'],
      );
      if (!participant) return undefined;
      if (form['Hold'] !== undefined) participant.hold = form['Hold'] === 'true';
      if (form['HoldUrl'] !== undefined) participant.holdUrl = form['HoldUrl'];
      if (form['EndConferenceOnExit'] !== undefined)
        participant.endConferenceOnExit = form['EndConferenceOnExit'] === 'true';
      return participantJson(participant);
    });
  }

  private serve(
    request: FastifyRequest,
    reply: FastifyReply,
    handler: (params: Params, form: Params) => unknown,
  ): FastifyReply {
    const params = request.params as Params;
    const form = (request.body ?? {}) as Params;
    const query = request.query as Params;
    const path = request.url.split('?')[0]?.replace(/^\/2010-04-01\/Accounts\/[^/]+/, '') ?? '';
    this.requests.push({ method: request.method, path, form, query });
    const failure = this.failures.find((f) => f.method === request.method && f.path.test(path));
    if (failure) {
      this.failures.splice(this.failures.indexOf(failure), 1);
      return this.error(reply, failure.status, failure.code);
    }
    if (params['account'] !== ACCOUNT_SID) return this.error(reply, 404, 20404);
    const body = handler(params, request.method === 'GET' ? query : form);
    return body === undefined
      ? this.error(reply, 404, 20404)
      : reply.code(request.method === 'POST' && path.endsWith('s.json') ? 201 : 200).send(body);
  }

  private error(reply: FastifyReply, status: number, code: number): FastifyReply {
    return reply.code(status).send({
      code,
      message: status === 404 ? 'The requested resource was not found' : 'Invalid parameter',
      more_info: `https://www.twilio.com/docs/errors/${code}`,
      status,
    });
  }
}
