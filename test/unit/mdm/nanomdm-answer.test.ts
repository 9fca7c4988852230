import { describe, expect, it } from 'vitest';
import { enrollmentResults, NanoMdmAnswer, pushResults } from '../../../main/mdm/nanomdm-answer';

describe("NanoMDM's answer", () => {
  it('marks an id with a command error failed, and one with only a push error queued', () => {
    const answer = NanoMdmAnswer.parse({
      status: { A: { push_result: 'p1' }, B: { command_error: 'no such enrollment' }, C: { push_error: 'BadDeviceToken' } },
      command_uuid: 'u',
      request_type: 'InviteToProgram',
    });
    expect(enrollmentResults(['A', 'B', 'C'], answer, 'u')).toEqual([
      { enrollmentId: 'A', status: 'queued', commandUuid: 'u', pushError: null },
      { enrollmentId: 'B', status: 'failed', commandUuid: 'u', reason: 'The MDM server could not queue the command: no such enrollment' },
      { enrollmentId: 'C', status: 'queued', commandUuid: 'u', pushError: 'BadDeviceToken' },
    ]);
  });

  it('fails every id on a whole-call command error, and spreads a whole-call push error', () => {
    expect(enrollmentResults(['A'], NanoMdmAnswer.parse({ command_error: 'decoding command: EOF' }), 'u')).toEqual([
      { enrollmentId: 'A', status: 'failed', commandUuid: 'u', reason: 'The MDM server could not queue the command: decoding command: EOF' },
    ]);
    expect(enrollmentResults(['A'], NanoMdmAnswer.parse({ push_error: 'no push certificate' }), 'u')).toEqual([
      { enrollmentId: 'A', status: 'queued', commandUuid: 'u', pushError: 'no push certificate' },
    ]);
  });

  it('reads APNs unset (500, top-level push_error, no status) as every id queued but not pushed', () => {
    const answer = NanoMdmAnswer.parse({ push_error: 'retrieving push cert for topic "t": key not found', command_uuid: 'u', request_type: 'InstallApplication' });
    expect(enrollmentResults(['A', 'B'], answer, 'u').map((r) => (r.status === 'queued' ? r.pushError : r.status))).toEqual([
      'retrieving push cert for topic "t": key not found',
      'retrieving push cert for topic "t": key not found',
    ]);
  });

  it("lets an id's own push result stand beside a top-level push error, in enqueue and push answers", () => {
    const answer = NanoMdmAnswer.parse({ status: { A: { push_result: 'p' }, B: { push_error: 'push data missing for id' } }, push_error: 'topic t: bad certificate' });
    expect(pushResults(['A', 'B', 'C'], answer)).toEqual([
      { enrollmentId: 'A', pushError: null },
      { enrollmentId: 'B', pushError: 'push data missing for id' },
      { enrollmentId: 'C', pushError: 'topic t: bad certificate' },
    ]);
  });
});
