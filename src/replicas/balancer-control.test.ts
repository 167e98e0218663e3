import assert from 'node:assert/strict';
import { test } from 'node:test';
import { inRotation, parseShowStat } from './balancer-control.js';
import { errorFile, balancerProblems, haproxyConfig, leavesRotationWithinMs, leavesRotationWhenUnreadyWithinMs } from './haproxy-config.js';

const csv = `# pxname,svname,qcur,qmax,scur,smax,slim,stot,bin,bout,dreq,dresp,ereq,econ,eresp,wretr,wredis,status,weight,act,bck,chkfail,chkdown,lastchg,downtime,qlimit,pid,iid,sid,throttle,lbtot,tracked,type,rate,rate_lim,rate_max,check_status,
orders,FRONTEND,,,0,3,4000,12,,,0,0,0,,,,,OPEN,,,,,,,,,1,2,0,,,,0,0,0,3,,
replicas,replica-1,0,0,2,5,,40,,,,0,,0,1,3,2,UP,100,1,0,0,0,12,0,,1,3,1,,40,,2,0,,5,L7OK,
replicas,replica-2,0,0,0,5,,38,,,,0,,1,0,0,0,DOWN,100,1,0,2,1,1,1,,1,3,2,,38,,2,0,,5,*L4TOUT,
replicas,BACKEND,0,0,2,7,,78,,,,0,,1,1,3,2,UP,200,2,0,,1,12,0,,1,3,0,,78,,1,0,,7,,
`;

test('show stat: servers with status, weight, sessions, retries and their last check', () => {
  const rows = parseShowStat(csv);
  const one = rows.find((row) => row.server === 'replica-1')!;
  assert.deepEqual([one.status, one.weight, one.current, one.total, one.retries, one.redispatches, one.responseErrors, one.checkStatus], ['UP', 100, 2, 40, 3, 2, 1, 'L7OK']);
  assert.equal(rows.find((row) => row.server === 'replica-2')!.checkStatus, 'L4TOUT');
  assert.equal(rows.find((row) => row.server === 'BACKEND')!.connectionErrors, 1);
});

test('in rotation: UP and going down, or not checked; not DOWN, DRAIN or MAINT', () => {
  for (const status of ['UP', 'UP 1/2', 'no check']) assert.equal(inRotation(status), true, status);
  for (const status of ['DOWN', 'DOWN 1/2', 'DRAIN', 'MAINT']) assert.equal(inRotation(status), false, status);
});

test('the bounds follow from the check settings', () => {
  assert.equal(leavesRotationWhenUnreadyWithinMs, 750);
  assert.equal(leavesRotationWithinMs, 1750);
  const config = haproxyConfig(3);
  assert.match(config, /default-server check inter 500ms fastinter 250ms downinter 500ms fall 2 rise 2/);
  assert.match(config, /retry-on conn-failure empty-response response-timeout/);
  assert.match(config, /disable-l7-retry if !METH_GET !\{ req.hdr\(idempotency-key\) -m found \}/);
  assert.equal((config.match(/server replica-\d "\$\{REPLICA_\d_ADDRESS\}"/g) ?? []).length, 3);
});

test('the balancer\'s own answers are problem documents with a correct length', () => {
  for (const problem of balancerProblems) {
    const [head, body] = errorFile(problem).split('\r\n\r\n') as [string, string];
    assert.match(head, new RegExp(`^HTTP/1.1 ${problem.status} `));
    assert.match(head, /Content-Type: application\/problem\+json/);
    assert.equal(Number(/Content-Length: (\d+)/.exec(head)![1]), Buffer.byteLength(body));
    assert.equal(JSON.parse(body).type, problem.type);
  }
});
