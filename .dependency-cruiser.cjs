/**
 * The design's import rules (DESIGN.md section 1, issue 10 item 8), checked by `npm run lint:imports` and in
 * .ci/run. A rule that breaks fails CI; an exception is narrow, named and commented.
 */
/** The AWS and Slack SDKs and the HTTP libraries under them. */
const AWS_SDK = '^(@aws-sdk|@smithy)/';
const SLACK_SDK = '^@slack/';

module.exports = {
  forbidden: [
    {
      name: 'triage-is-pure',
      severity: 'error',
      comment:
        'triage/ is pure: a string in, a value out. It may use aws-facts/ (offline AWS facts) but nothing that talks ' +
        'to AWS, Slack or the store, and not the diagnosis engine.',
      from: { path: '^src/triage/' },
      to: {
        path: ['^src/(aws|slack|store|diagnosis|remediation|cli|http)/', AWS_SDK, SLACK_SDK],
      },
    },
    {
      name: 'blocks-render-data',
      severity: 'error',
      comment: 'slack/blocks/ are pure functions from data to Block Kit JSON: no store, no AWS.',
      from: { path: '^src/slack/blocks/' },
      to: { path: ['^src/store/', '^src/aws/', AWS_SDK] },
    },
    {
      name: 'diagnosis-knows-no-slack',
      severity: 'error',
      comment: 'diagnosis/ knows AWS, not Slack: it returns a Report that every surface renders.',
      from: { path: '^src/diagnosis/' },
      to: { path: ['^src/slack/', SLACK_SDK] },
    },
    {
      name: 'remediation-knows-no-slack',
      severity: 'error',
      comment: 'remediation/ knows Slack only through the small interfaces it declares; it imports nothing of Slack.',
      from: { path: '^src/remediation/' },
      to: { path: ['^src/slack/', SLACK_SDK] },
    },
    {
      name: 'aws-facts-stand-alone',
      severity: 'error',
      comment:
        'aws-facts/ is the one source of offline AWS facts that every part uses: it imports only itself (no other ' +
        'project module, no SDK, no package, no Node built-in: no I/O).',
      from: { path: '^src/aws-facts/' },
      to: { pathNot: '^src/aws-facts/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A cycle means two modules that cannot be understood, tested or moved one without the other.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'An import that does not resolve would escape every rule above.',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
    },
  },
};
