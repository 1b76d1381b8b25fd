/**
 * A local stand-in for STS, IAM and Bedrock for benches that run the built bot in its own process
 * (AWS_ENDPOINT_URL_STS / _IAM / _BEDROCK point here): a healthy account answered in the real wire formats, with the
 * same reply builders as the tests (test/helpers/aws-mock.ts, test/helpers/diagnosis-scenario.ts). Signatures are
 * not checked; every answer is counted.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { awsErrors, bedrock, iam, type MockReply, sts } from '../test/helpers/aws-mock.js';
import { json11Response } from '../test/helpers/aws-mock-json11.js';
import { ACCOUNT, allowedSimulation, KEY, MODEL, ROLE_NAME, USER } from '../test/helpers/diagnosis-scenario.js';

export { ACCOUNT, KEY, MODEL };

const day = 86_400_000;

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** The answer of a healthy account to one awsQuery action (STS and IAM share the endpoint here). */
function queryAnswer(body: Record<string, string>): MockReply {
  switch (body.Action) {
    case 'AssumeRole':
      return sts.assumeRole({
        accountId: /::(\d{12}):/.exec(body.RoleArn ?? '')?.[1] ?? ACCOUNT,
        roleName: ROLE_NAME,
        sessionName: body.RoleSessionName,
        expiration: new Date(Date.now() + 15 * 60_000),
      });
    case 'GetAccessKeyInfo':
      return sts.getAccessKeyInfo(ACCOUNT);
    case 'GetCallerIdentity':
      return sts.getCallerIdentity({
        account: ACCOUNT,
        arn: `arn:aws:sts::${ACCOUNT}:assumed-role/${ROLE_NAME}/diag-bench`,
      });
    case 'GetAccessKeyLastUsed':
      return iam.getAccessKeyLastUsed({
        userName: USER,
        lastUsedDate: new Date(Date.now() - day),
        serviceName: 'bedrock',
        region: 'us-east-1',
      });
    case 'ListAccessKeys':
      return iam.listAccessKeys(USER, [{ id: KEY, status: 'Active', createDate: new Date(Date.now() - 30 * day) }]);
    case 'GetUser':
      return iam.getUser({ userName: USER, arn: `arn:aws:iam::${ACCOUNT}:user/${USER}` });
    case 'SimulatePrincipalPolicy':
      return allowedSimulation(body);
    default:
      return awsErrors.iam('InvalidAction', `not served by the bench: ${body.Action ?? '?'}`, 400);
  }
}

function bedrockAnswer(path: string): MockReply {
  if (path === '/foundation-models') {
    return bedrock.listFoundationModels([
      { modelId: MODEL },
      { modelId: 'amazon.nova-pro-v1:0', inferenceTypes: ['INFERENCE_PROFILE'] },
    ]);
  }
  if (path.startsWith('/foundation-model-availability/')) {
    return bedrock.availability({ modelId: decodeURIComponent(path.split('/')[2] ?? '') });
  }
  if (path === '/inference-profiles') return bedrock.listInferenceProfiles([]);
  if (path === '/enforcedGuardrailsConfiguration') return bedrock.enforcedGuardrails([]);
  return awsErrors.bedrock('ResourceNotFoundException', 'not found', 404);
}

export interface FakeAws {
  url: string;
  /** Answers given, by action or path. */
  calls: Map<string, number>;
  close(): Promise<void>;
}

export async function startFakeAws(): Promise<FakeAws> {
  const calls = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    void readBody(req).then((raw) => {
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      let reply: MockReply;
      let name: string;
      const target = String(req.headers['x-amz-target'] ?? '');
      if (req.method === 'POST' && target.endsWith('.LookupEvents')) {
        // CloudTrail (JSON 1.1): an empty event history.
        name = 'LookupEvents';
        reply = json11Response({ Events: [] });
      } else if (req.method === 'POST' && path === '/') {
        const body = Object.fromEntries(new URLSearchParams(raw));
        name = body.Action ?? '?';
        reply = queryAnswer(body);
      } else {
        name = `GET ${path.replace(/\/[^/]*%3A[^/]*$/, '/{id}')}`;
        reply = bedrockAnswer(path);
      }
      calls.set(name, (calls.get(name) ?? 0) + 1);
      res.writeHead(reply.status, reply.headers);
      res.end(reply.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
