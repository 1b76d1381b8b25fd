/**
 * Credential-side messages exactly as the SDKs, CLIs and services print them, each read in the source or the docs
 * that produce it (repo + path, or the AWS page, in the comment above it) and wrapped the way that client prints it.
 * Each row names the family that must match, and the first cause or the set the top three must hold; a row fails
 * when its wording (or the family it belongs to) is taken out. Messages are never invented: only quoted.
 */
import { describe, expect, it } from 'vitest';
import type { FamilyId } from '../../src/triage/families/index.js';
import { messageFamilies } from '../../src/triage/index.js';
import { type ExpectedCauses, expectCauses } from './expect-causes.js';

interface Row extends ExpectedCauses {
  /** What prints it (SDK, CLI, service). */
  sdk: string;
  text: string;
  family: FamilyId;
  /** The SDK's message without its wrapper (exception name, stack): must match the family on its own wording. */
  message?: string;
}

const ROWS: readonly Row[] = [
  // --- S3 -----------------------------------------------------------------------------------------------------
  // https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html (InvalidToken, 400); a session token S3
  // refuses: v1 global-STS tokens outside default Regions (IAM UG id_credentials_temp_enable-regions), keys of
  // another partition (whitepaper aws-fault-isolation-boundaries/partitions), a token not the key's.
  {
    sdk: 'aws-cli (botocore ClientError)',
    text: 'An error occurred (InvalidToken) when calling the ListBuckets operation: The provided token is malformed or otherwise invalid.',
    family: 's3_token_invalid',
    top3: ['session_token_mismatch', 'opt_in_region_token', 'key_not_found'],
  },
  {
    sdk: 'Java v1 AmazonS3Exception',
    text: 'com.amazonaws.services.s3.model.AmazonS3Exception: The provided token is malformed or otherwise invalid. (Service: Amazon S3; Status Code: 400; Error Code: InvalidToken; Request ID: E44178C6C2BD2BA3)',
    family: 's3_token_invalid',
    top3: ['session_token_mismatch', 'opt_in_region_token', 'key_not_found'],
  },
  {
    sdk: 'aws-cli, opt-in region',
    text: 'aws s3 ls --region ap-southeast-4\nAn error occurred (InvalidToken) when calling the ListBuckets operation: The provided token is malformed or otherwise invalid.',
    family: 's3_token_invalid',
    first: 'opt_in_region_token',
  },
  {
    sdk: 'aws-cli, China partition',
    text: 'aws s3 ls --region cn-north-1\nAn error occurred (InvalidToken) when calling the ListBuckets operation: The provided token is malformed or otherwise invalid.',
    family: 's3_token_invalid',
    first: 'key_not_found',
  },
  // aws/aws-extensions-for-dotnet-cli src/Amazon.Common.DotNetCli.Tools/Utilities.cs: "Warning: Unable to determine
  // region for bucket {s3Bucket}, assuming bucket is in correct region: {e.Message}" quotes GetBucketLocation's
  // failure; the client has a region (not no_region).
  {
    sdk: 'Amazon.Lambda.Tools (dotnet lambda deploy)',
    text: 'Warning: Unable to determine region for bucket my-bucket, assuming bucket is in correct region: The provided token is malformed or otherwise invalid.',
    family: 's3_token_invalid',
    top3: ['session_token_mismatch', 'opt_in_region_token', 'key_not_found'],
  },
  // S3's PermanentRedirect (301) for a bucket addressed through another region's endpoint
  // (docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html); aws-sdk-go v1 names it BucketRegionError.
  {
    sdk: 'aws-cli (botocore ClientError)',
    text: 'An error occurred (PermanentRedirect) when calling the ListObjectsV2 operation: The bucket you are attempting to access must be addressed using the specified endpoint. Please send all future requests to this endpoint.',
    message: 'The bucket you are attempting to access must be addressed using the specified endpoint.',
    family: 'bucket_other_region',
    first: 'region_unsupported',
  },
  {
    sdk: 'go v1 (Terraform S3 backend)',
    text: "Error loading state: BucketRegionError: incorrect region, the bucket is not in 'eu-central-1' region at endpoint ''\n\tstatus code: 301, request id: , host id: ",
    message: "incorrect region, the bucket is not in 'eu-central-1' region",
    family: 'bucket_other_region',
    first: 'region_unsupported',
  },
  // Java v2 when the 301 has no body to read (Cromwell's call-caching log): the status alone.
  {
    sdk: 'Java v2 S3Exception',
    text: 'software.amazon.awssdk.services.s3.model.S3Exception: null (Service: S3, Status Code: 301, Request ID: null, Extended Request ID: MpqH6PrTGZwXu2x5pt8H38VWqnrpWWT7nzH/fZtbiEIKJkN9qrB2koEXlmXAYdvehvAfy5yQggE=)',
    family: 'bucket_other_region',
    first: 'region_unsupported',
  },
  // --- botocore / boto3 (boto/botocore botocore/exceptions.py, credentials.py, utils.py, tokens.py) ------------
  // exceptions.py NoCredentialsError; the CLI adds the aws configure hint (aws/aws-cli awscli/clidriver.py).
  {
    sdk: 'aws-cli',
    text: 'Unable to locate credentials. You can configure credentials by running "aws configure".',
    message: 'Unable to locate credentials',
    family: 'no_credentials',
    first: 'wrong_profile_or_env',
  },
  // exceptions.py PartialCredentialsError: 'Partial credentials found in {provider}, missing: {cred_var}'.
  {
    sdk: 'botocore',
    text: 'botocore.exceptions.PartialCredentialsError: Partial credentials found in env, missing: AWS_SECRET_ACCESS_KEY',
    message: 'Partial credentials found in env, missing: AWS_SECRET_ACCESS_KEY',
    family: 'no_credentials',
    first: 'wrong_profile_or_env',
  },
  // exceptions.py ProfileNotFound: 'The config profile ({profile}) could not be found'.
  {
    sdk: 'botocore',
    text: 'botocore.exceptions.ProfileNotFound: The config profile (dev) could not be found',
    message: 'The config profile (dev) could not be found',
    family: 'no_credentials',
    first: 'wrong_profile_or_env',
  },
  // exceptions.py ConfigNotFound: 'The specified config file ({path}) could not be found.'
  {
    sdk: 'botocore',
    text: 'botocore.exceptions.ConfigNotFound: The specified config file (/home/u/.aws/config) could not be found.',
    message: 'The specified config file (/home/u/.aws/config) could not be found.',
    family: 'no_credentials',
    first: 'wrong_profile_or_env',
  },
  // exceptions.py NoAuthTokenError (bearer-token services): 'Unable to locate authorization token'.
  {
    sdk: 'botocore',
    text: 'botocore.exceptions.NoAuthTokenError: Unable to locate authorization token',
    message: 'Unable to locate authorization token',
    family: 'no_credentials',
    first: 'wrong_profile_or_env',
  },
  // credentials.py InvalidConfigError: 'The profile "{p}" contains both source_profile and credential_source.'
  {
    sdk: 'botocore',
    text: 'botocore.exceptions.InvalidConfigError: The profile "dev" contains both source_profile and credential_source.',
    message: 'The profile "dev" contains both source_profile and credential_source.',
    family: 'no_credentials',
    first: 'wrong_profile_or_env',
  },
  // credentials.py: 'The credential_source "{s}" is specified in profile "{p}", but no source provider was configured.'
  {
    sdk: 'botocore',
    text: 'botocore.exceptions.InvalidConfigError: The credential_source "Ec2InstanceMetadata" is specified in profile "dev", but no source provider was configured.',
    message:
      'The credential_source "Ec2InstanceMetadata" is specified in profile "dev", but no source provider was configured.',
    family: 'no_credentials',
    first: 'wrong_profile_or_env',
  },
  // credentials.py: 'The credential source "{s}" referenced in profile "{p}" is not valid.'
  {
    sdk: 'botocore',
    text: 'botocore.exceptions.InvalidConfigError: The credential source "Ec2" referenced in profile "dev" is not valid.',
    message: 'The credential source "Ec2" referenced in profile "dev" is not valid.',
    family: 'no_credentials',
    first: 'wrong_profile_or_env',
  },
  // credentials.py: 'The source profile "{p}" must have credentials.' (role profile whose source has no keys).
  {
    sdk: 'botocore',
    text: 'botocore.exceptions.InvalidConfigError: The source profile "base" must have credentials.',
    message: 'The source profile "base" must have credentials.',
    family: 'no_credentials',
    first: 'wrong_profile_or_env',
  },
  // credentials.py AssumeRoleWithWebIdentityProvider: '... configured to assume role with web identity but has no
  // role ARN configured ...'.
  {
    sdk: 'botocore',
    text: 'botocore.exceptions.InvalidConfigError: The provided profile or the current environment is configured to assume role with web identity but has no role ARN configured. Ensure that the profile has the role_arnconfiguration set or the AWS_ROLE_ARN env var is set.',
    message:
      'The provided profile or the current environment is configured to assume role with web identity but has no role ARN configured.',
    family: 'no_credentials',
    first: 'wrong_profile_or_env',
  },
  // utils.py ContainerMetadataFetcher: 'Received non 200 response {status} from container metadata: {body}'.
  {
    sdk: 'botocore',
    text: 'botocore.exceptions.CredentialRetrievalError: Error when retrieving credentials from container-role: Error retrieving metadata: Received non 200 response 401 from container metadata: Unauthorized',
    message: 'Received non 200 response 401 from container metadata: Unauthorized',
    family: 'no_credentials',
    first: 'wrong_profile_or_env',
  },
  // utils.py IMDSFetcher: 'Unable to retrieve token for use in IMDSv2 call and IMDSv1 has been disabled'.
  {
    sdk: 'botocore',
    text: 'botocore.exceptions.MetadataRetrievalError: Error retrieving metadata: Unable to retrieve token for use in IMDSv2 call and IMDSv1 has been disabled',
    message: 'Unable to retrieve token for use in IMDSv2 call and IMDSv1 has been disabled',
    family: 'no_credentials',
    first: 'wrong_profile_or_env',
  },
  // exceptions.py TokenRetrievalError + tokens.py 'Token has expired and refresh failed'.
  {
    sdk: 'botocore',
    text: 'botocore.exceptions.TokenRetrievalError: Error when retrieving token from sso: Token has expired and refresh failed',
    message: 'Error when retrieving token from sso: Token has expired and refresh failed',
    family: 'sso_expired',
    first: 'temp_credentials_expired',
  },
  // exceptions.py UnauthorizedSSOTokenError.
  {
    sdk: 'botocore',
    text: 'botocore.exceptions.UnauthorizedSSOTokenError: The SSO session associated with this profile has expired or is otherwise invalid. To refresh this SSO session run aws sso login with the corresponding profile.',
    message: 'The SSO session associated with this profile has expired or is otherwise invalid.',
    family: 'sso_expired',
    first: 'temp_credentials_expired',
  },
  // exceptions.py SSOTokenLoadError + utils.py SSOTokenLoader 'Token for {name} does not exist'.
  {
    sdk: 'botocore',
    text: 'botocore.exceptions.SSOTokenLoadError: Error loading SSO Token: Token for my-sso does not exist',
    message: 'Error loading SSO Token: Token for my-sso does not exist',
    family: 'sso_expired',
    first: 'temp_credentials_expired',
  },
  // credentials.py SSOProvider: 'The profile "{p}" is configured to use SSO but is missing required configuration: ...'.
  {
    sdk: 'botocore',
    text: 'botocore.exceptions.InvalidConfigError: The profile "dev" is configured to use SSO but is missing required configuration: sso_region, sso_role_name',
    message: 'The profile "dev" is configured to use SSO but is missing required configuration: sso_region',
    family: 'sso_config_invalid',
    first: 'wrong_profile_or_env',
  },
  // tokens.py SSOTokenProvider: '... is configured to use the SSO token provider but the "{s}" sso_session
  // configuration does not exist.'
  {
    sdk: 'botocore',
    text: 'botocore.exceptions.InvalidConfigError: The profile "dev" is configured to use the SSO token provider but the "my-sso" sso_session configuration does not exist.',
    message:
      'The profile "dev" is configured to use the SSO token provider but the "my-sso" sso_session configuration does not exist.',
    family: 'sso_config_invalid',
    first: 'wrong_profile_or_env',
  },
  // exceptions.py LoginRefreshRequired (console credentials, `aws login`).
  {
    sdk: 'botocore',
    text: "botocore.exceptions.LoginRefreshRequired: Your session has expired or credentials have changed. Please reauthenticate using 'aws login'.",
    message: "Your session has expired or credentials have changed. Please reauthenticate using 'aws login'.",
    family: 'console_login_expired',
    first: 'temp_credentials_expired',
  },
  // exceptions.py LoginTokenLoadError + credentials.py LoginProvider 'Unable to load a existing login session ...'.
  {
    sdk: 'botocore',
    text: "botocore.exceptions.LoginTokenLoadError: Error loading login session token: Unable to load a existing login session for session arn:aws:iam::123456789012:user/dev. Please reauthenticate with 'aws login'.",
    message: 'Error loading login session token: Unable to load a existing login session for session x.',
    family: 'console_login_expired',
    first: 'temp_credentials_expired',
  },
  // exceptions.py LoginInsufficientPermissions.
  {
    sdk: 'botocore',
    text: "botocore.exceptions.LoginInsufficientPermissions: Unable to create or refresh login credentials due to insufficient permissions. You may be missing permission for the 'signin:CreateOAuth2Token' action.",
    message:
      'Unable to create or refresh login credentials due to insufficient permissions. You may be missing permission for the action.',
    family: 'console_login_denied',
    first: 'missing_iam_permission',
  },
  // --- AWS CLI v2 (aws/aws-cli, branch v2) ---------------------------------------------------------------------
  // awscli/botocore/exceptions.py LoginRefreshTokenExpired / LoginRefreshPasswordChanged.
  {
    sdk: 'aws-cli v2',
    text: "Your session has expired. Please reauthenticate using 'aws login'.",
    family: 'console_login_expired',
    first: 'temp_credentials_expired',
  },
  {
    sdk: 'aws-cli v2',
    text: "Unable to refresh login credentials because of a change in your password. Please reauthenticate with your new password using 'aws login'.",
    message: 'Unable to refresh login credentials because of a change in your password.',
    family: 'console_login_expired',
    first: 'temp_credentials_expired',
  },
  // awscli/customizations/sso/utils.py InvalidSSOConfigError.
  {
    sdk: 'aws-cli v2',
    text: 'Missing the following required SSO configuration values: sso_start_url, sso_region. To make sure this profile is properly configured to use SSO, please run: aws configure sso',
    message: 'Missing the following required SSO configuration values: sso_start_url, sso_region.',
    family: 'sso_config_invalid',
    first: 'wrong_profile_or_env',
  },
  {
    sdk: 'aws-cli v2',
    text: 'The specified sso-session does not exist: "my-sso"',
    family: 'sso_config_invalid',
    first: 'wrong_profile_or_env',
  },
  // --- JS SDK v3 (aws/aws-sdk-js-v3 packages/*; smithy-lang/smithy-typescript packages/credential-provider-imds) --
  // credential-provider-node/src/defaultProvider.ts.
  {
    sdk: 'js-v3',
    text: 'CredentialsProviderError: Could not load credentials from any providers\n    at /app/node_modules/@aws-sdk/credential-provider-node/dist-cjs/index.js:97:11',
    message: 'Could not load credentials from any providers',
    family: 'no_credentials',
    first: 'wrong_profile_or_env',
  },
  // credential-provider-ini/src/resolveProfileData.ts.
  {
    sdk: 'js-v3',
    text: 'CredentialsProviderError: Profile dev could not be found or parsed in shared credentials file.',
    message: 'Profile dev could not be found or parsed in shared credentials file.',
    family: 'no_credentials',
    first: 'wrong_profile_or_env',
  },
  // credential-provider-ini/src/resolveAssumeRoleCredentials.ts.
  {
    sdk: 'js-v3',
    text: 'CredentialsProviderError: Profile dev requires a role to be assumed, but no role assumption callback was provided.',
    message: 'Profile dev requires a role to be assumed, but no role assumption callback was provided.',
    family: 'no_credentials',
    first: 'wrong_profile_or_env',
  },
  {
    sdk: 'js-v3',
    text: 'CredentialsProviderError: Detected a cycle attempting to resolve credentials for profile dev. Profiles visited: dev, base',
    message: 'Detected a cycle attempting to resolve credentials for profile dev.',
    family: 'no_credentials',
    first: 'wrong_profile_or_env',
  },
  {
    sdk: 'js-v3',
    text: 'CredentialsProviderError: Profile dev requires multi-factor authentication, but no MFA code callback was provided.',
    message: 'Profile dev requires multi-factor authentication, but no MFA code callback was provided.',
    family: 'no_credentials',
    first: 'wrong_profile_or_env',
  },
  // credential-provider-ini/src/resolveCredentialSource.ts.
  {
    sdk: 'js-v3',
    text: 'CredentialsProviderError: Unsupported credential source in profile dev. Got Ec2, expected EcsContainer or Ec2InstanceMetadata or Environment.',
    message: 'Unsupported credential source in profile dev.',
    family: 'no_credentials',
    first: 'wrong_profile_or_env',
  },
  // credential-provider-process/src/resolveProcessCredentials.ts.
  {
    sdk: 'js-v3',
    text: 'CredentialsProviderError: Profile dev credential_process returned invalid JSON.',
    message: 'Profile dev credential_process returned invalid JSON.',
    family: 'no_credentials',
    top3: ['wrong_profile_or_env', 'temp_credentials_expired'],
  },
  {
    sdk: 'js-v3',
    text: 'CredentialsProviderError: Profile dev did not contain credential_process.',
    message: 'Profile dev did not contain credential_process.',
    family: 'no_credentials',
    top3: ['wrong_profile_or_env'],
  },
  // smithy credential-provider-imds fromInstanceMetadata.ts / error/InstanceMetadataV1FallbackError.ts.
  {
    sdk: 'js-v3',
    text: 'InstanceMetadataV1FallbackError: AWS EC2 Metadata v1 fallback has been blocked by AWS SDK configuration in the following: [process environment variable (AWS_EC2_METADATA_V1_DISABLED)].',
    family: 'no_credentials',
    first: 'wrong_profile_or_env',
  },
  {
    sdk: 'js-v3',
    text: 'CredentialsProviderError: Failed to parse JSON from instance metadata service.',
    message: 'Failed to parse JSON from instance metadata service.',
    family: 'no_credentials',
    first: 'wrong_profile_or_env',
  },
  {
    sdk: 'js-v3',
    text: 'CredentialsProviderError: Invalid response received from instance metadata service.',
    message: 'Invalid response received from instance metadata service.',
    family: 'no_credentials',
    first: 'wrong_profile_or_env',
  },
  // smithy credential-provider-imds fromContainerMetadata.ts.
  {
    sdk: 'js-v3',
    text: 'CredentialsProviderError: 169.254.170.23 is not a valid container metadata service hostname',
    message: '169.254.170.23 is not a valid container metadata service hostname',
    family: 'no_credentials',
    first: 'wrong_profile_or_env',
  },
  // AWS Sign-In's CreateOAuth2Token (the `aws login` refresh; https://docs.aws.amazon.com/cli/latest/userguide/cli-configure-sign-in.html),
  // answered AccessDeniedException: an expired session, or a DPoP proof whose time the server refused (clock).
  {
    sdk: 'aws-cli (aws login)',
    text: 'An error occurred (AccessDeniedException) when calling the CreateOAuth2Token operation: Token has expired',
    family: 'console_login_expired',
    first: 'temp_credentials_expired',
    top3: ['clock_skew'],
  },
  // aws-sdk-go-v2 config/shared_config.go SharedConfigAssumeRoleError: a role profile whose source could not be used.
  {
    sdk: 'go v2',
    text: 'failed to load config: failed to load assume role arn:aws:iam::222222222222:role/deploy, of profile ci, <nil>',
    message: 'failed to load assume role arn:aws:iam::222222222222:role/deploy, of profile ci',
    family: 'no_credentials',
    first: 'wrong_profile_or_env',
  },
  // aws-sdk-go aws/defaults/defaults.go and aws-sdk-go-v2 config/resolve_credentials.go (before Pod Identity support).
  {
    sdk: 'go v1',
    text: 'Ignoring, HTTP credential provider invalid endpoint host, "169.254.170.23", only loopback hosts are allowed. <nil>',
    message: 'invalid endpoint host, "169.254.170.23", only loopback hosts are allowed',
    family: 'no_credentials',
    first: 'wrong_profile_or_env',
  },
  // aws-sdk-java-v2 ContainerCredentialsProvider (before 2.21.30, which added the Pod Identity agent hosts).
  {
    sdk: 'java v2',
    text: 'software.amazon.awssdk.core.exception.SdkClientException: The full URI (http://169.254.170.23/v1/credentials) contained within environment variable AWS_CONTAINER_CREDENTIALS_FULL_URI has an invalid host. Host should resolve to a loopback address or have the full URI be HTTPS.',
    message: 'Host should resolve to a loopback address or have the full URI be HTTPS.',
    family: 'no_credentials',
    first: 'wrong_profile_or_env',
  },
  // botocore utils.py ContainerMetadataFetcher._validate_allowed_url (releases before EKS Pod Identity).
  {
    sdk: 'boto3',
    text: "ValueError: Unsupported host '169.254.170.23'.  Can only retrieve metadata from these hosts: 169.254.170.2, localhost, 127.0.0.1",
    family: 'no_credentials',
    first: 'wrong_profile_or_env',
  },
  // @aws-sdk/credential-provider-http src/fromHttp/checkUrl.ts.
  {
    sdk: 'js-v3',
    text: 'URL not accepted. It must either be HTTPS or match one of the following:\n  - loopback CIDR 127.0.0.0/8 or [::1/128]\n  - ECS container host 169.254.170.2',
    family: 'no_credentials',
    first: 'wrong_profile_or_env',
  },
  // aws-sdk-rust aws-config src/ecs.rs validate_full_uri: a full URI whose host is not an allowed IP for that release.
  {
    sdk: 'rust',
    text: 'WARN aws_config::ecs: HTTP credential provider cannot be used: Address does not resolve to an allowed IP.',
    family: 'no_credentials',
    first: 'wrong_profile_or_env',
  },
  {
    sdk: 'rust',
    text: 'invalid full uri: URI did not refer to an allowed IP address',
    family: 'no_credentials',
    first: 'wrong_profile_or_env',
  },
  // AWS Toolkit for JetBrains, credentials.profile.unsupported (aws/aws-toolkit-jetbrains#6417, a login_session profile).
  {
    sdk: 'aws-toolkit-jetbrains',
    text: "java.lang.IllegalArgumentException: Profile 'console' is not using role-based, session-based, process-based, or basic credentials.",
    family: 'no_credentials',
    first: 'wrong_profile_or_env',
  },
  // aws-sdk-rust aws-config src/profile/credentials.rs ProfileFileError::FeatureNotEnabled: the build lacks the feature.
  {
    sdk: 'rust',
    text: 'Caused by: the credentials provider was not properly configured\n  Caused by: ProfileFile provider could not be built: This behavior requires following cargo feature(s) enabled: sso.',
    message: 'This behavior requires following cargo feature(s) enabled: sso.',
    family: 'sdk_module_missing',
    top3: ['unknown', 'wrong_profile_or_env'],
  },
  // credential-provider-sso/src/fromSSO.ts and validateSsoProfile.ts.
  {
    sdk: 'js-v3',
    text: 'CredentialsProviderError: Profile dev is not configured with SSO credentials.',
    message: 'Profile dev is not configured with SSO credentials.',
    family: 'sso_config_invalid',
    first: 'wrong_profile_or_env',
  },
  {
    sdk: 'js-v3',
    text: 'CredentialsProviderError: Profile is configured with invalid SSO credentials. Required parameters "sso_account_id", "sso_region", "sso_role_name", "sso_start_url". Got sso_session, region\nReference: https://docs.aws.amazon.com/cli/latest/userguide/cli-configure-sso.html',
    message: 'Profile is configured with invalid SSO credentials.',
    family: 'sso_config_invalid',
    first: 'wrong_profile_or_env',
  },
  // credential-provider-sso/src/resolveSSOCredentials.ts.
  {
    sdk: 'js-v3',
    text: 'CredentialsProviderError: The SSO session associated with this profile has expired. To refresh this SSO session run aws sso login with the corresponding profile.',
    message: 'The SSO session associated with this profile has expired.',
    family: 'sso_expired',
    first: 'temp_credentials_expired',
  },
  // token-providers/src/fromSso.ts and constants.ts REFRESH_MESSAGE.
  {
    sdk: 'js-v3',
    text: "TokenProviderError: The SSO session token associated with profile=dev was not found or is invalid. To refresh this SSO session run 'aws sso login' with the corresponding profile.",
    message: "To refresh this SSO session run 'aws sso login' with the corresponding profile.",
    family: 'sso_expired',
    first: 'temp_credentials_expired',
  },
  {
    sdk: 'js-v3',
    text: "TokenProviderError: Sso session 'my-sso' could not be found in shared credentials file.",
    family: 'sso_config_invalid',
    first: 'wrong_profile_or_env',
  },
  {
    sdk: 'js-v3',
    text: "TokenProviderError: Sso session 'my-sso' is missing required property 'sso_start_url'.",
    family: 'sso_config_invalid',
    first: 'wrong_profile_or_env',
  },
  // --- Go SDK v1 (aws/aws-sdk-go aws/credentials/*.go, aws/session/*.go) ----------------------------------------
  // chain_provider.go ErrNoValidProvidersFoundInChain.
  {
    sdk: 'go v1',
    text: 'NoCredentialProviders: no valid providers in chain. Deprecated.\n\tFor verbose messaging see aws.Config.CredentialsChainVerboseErrors',
    message: 'no valid providers in chain',
    family: 'no_credentials',
    first: 'wrong_profile_or_env',
  },
  // static_provider.go ErrStaticCredentialsEmpty.
  {
    sdk: 'go v1',
    text: 'EmptyStaticCreds: static credentials are empty',
    message: 'static credentials are empty',
    family: 'no_credentials',
    first: 'wrong_profile_or_env',
  },
  // env_provider.go ErrAccessKeyIDNotFound / ErrSecretAccessKeyNotFound.
  {
    sdk: 'go v1',
    text: 'EnvAccessKeyNotFound: AWS_ACCESS_KEY_ID or AWS_ACCESS_KEY not found in environment',
    message: 'AWS_ACCESS_KEY_ID or AWS_ACCESS_KEY not found in environment',
    family: 'no_credentials',
    first: 'wrong_profile_or_env',
  },
  {
    sdk: 'go v1',
    text: 'EnvSecretNotFound: AWS_SECRET_ACCESS_KEY or AWS_SECRET_KEY not found in environment',
    message: 'AWS_SECRET_ACCESS_KEY or AWS_SECRET_KEY not found in environment',
    family: 'no_credentials',
    first: 'wrong_profile_or_env',
  },
  // shared_credentials_provider.go SharedCredsAccessKey.
  {
    sdk: 'go v1',
    text: 'SharedCredsAccessKey: shared credentials dev in /home/u/.aws/credentials did not contain aws_access_key_id',
    message: 'shared credentials dev in /home/u/.aws/credentials did not contain aws_access_key_id',
    family: 'no_credentials',
    first: 'wrong_profile_or_env',
  },
  // ec2rolecreds/ec2_role_provider.go.
  {
    sdk: 'go v1',
    text: 'EC2RoleRequestError: no EC2 instance role found\ncaused by: EC2MetadataError: failed to make EC2Metadata request',
    message: 'no EC2 instance role found',
    family: 'no_credentials',
    first: 'wrong_profile_or_env',
  },
  {
    sdk: 'go v1',
    text: 'EmptyEC2RoleList: empty EC2 Role list',
    message: 'empty EC2 Role list',
    family: 'no_credentials',
    first: 'wrong_profile_or_env',
  },
  // stscreds/web_identity_provider.go: 'unable to read file at %s'.
  {
    sdk: 'go v1',
    text: 'WebIdentityErr: unable to read file at /var/run/secrets/eks.amazonaws.com/serviceaccount/token\ncaused by: open /var/run/secrets/eks.amazonaws.com/serviceaccount/token: no such file or directory',
    family: 'no_credentials',
    first: 'wrong_profile_or_env',
  },
  // stscreds/web_identity_provider.go wraps STS's answer: the STS message decides.
  {
    sdk: 'go v1',
    text: 'WebIdentityErr: failed to retrieve credentials\ncaused by: InvalidIdentityToken: No OpenIDConnect provider found in your account for https://oidc.eks.us-west-2.amazonaws.com/id/ABC\n\tstatus code: 400, request id: 1234',
    message: 'No OpenIDConnect provider found in your account for https://oidc.eks.us-west-2.amazonaws.com/id/ABC',
    family: 'web_identity_setup',
    first: 'missing_iam_permission',
  },
  // session/shared_config.go SharedConfigAssumeRoleError.
  {
    sdk: 'go v1',
    text: 'SharedConfigAssumeRoleError: failed to load assume role for arn:aws:iam::123456789012:role/x, source profile base has no shared credentials',
    message: 'failed to load assume role for x, source profile base has no shared credentials',
    family: 'no_credentials',
    first: 'wrong_profile_or_env',
  },
  // processcreds/provider.go errMsgProcessProviderProcess / errMsgProcessProviderParse.
  {
    sdk: 'go v1',
    text: 'ProcessProviderExecutionError: error in credential_process\ncaused by: exit status 1',
    message: 'error in credential_process',
    family: 'no_credentials',
    top3: ['wrong_profile_or_env', 'temp_credentials_expired'],
  },
  // session/credentials.go AssumeRoleTokenProviderNotSetError (also go v2 config/resolve_credentials.go).
  {
    sdk: 'go v1/v2',
    text: 'assume role with MFA enabled, but AssumeRoleTokenProvider session option not set.',
    family: 'no_credentials',
    first: 'wrong_profile_or_env',
  },
  // session/shared_config.go: 'profile %q is configured to use SSO but is missing required configuration: %s'.
  {
    sdk: 'go v1',
    text: 'profile "dev" is configured to use SSO but is missing required configuration: sso_region',
    family: 'sso_config_invalid',
    first: 'wrong_profile_or_env',
  },
  // ssocreds/provider.go invalidTokenMessage (v2: credentials/ssocreds/sso_credentials_provider.go InvalidTokenError).
  {
    sdk: 'go v1',
    text: 'SSOProviderInvalidToken: the SSO session has expired or is invalid\ncaused by: expected RFC3339 timestamp',
    message: 'the SSO session has expired or is invalid',
    family: 'sso_expired',
    first: 'temp_credentials_expired',
  },
  // --- Go SDK v2 (aws/aws-sdk-go-v2) ----------------------------------------------------------------------------
  // config/resolve_credentials.go resolveCredsFromSource.
  {
    sdk: 'go v2',
    text: "failed to load configuration: EcsContainer was specified as the credential_source, but 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI' was not set",
    family: 'no_credentials',
    first: 'wrong_profile_or_env',
  },
  {
    sdk: 'go v2',
    text: 'credential_source values must be EcsContainer, Ec2InstanceMetadata, or Environment',
    family: 'no_credentials',
    first: 'wrong_profile_or_env',
  },
  // credentials/ssocreds/sso_token_provider.go.
  {
    sdk: 'go v2',
    text: 'operation error Bedrock Runtime: InvokeModel, get identity: get credentials: failed to refresh cached credentials, refresh cached SSO token failed, unable to refresh SSO token, operation error SSO OIDC: CreateToken, https response error StatusCode: 400, RequestID: 1a2b, InvalidGrantException:',
    message: 'refresh cached SSO token failed, unable to refresh SSO token',
    family: 'sso_expired',
    first: 'temp_credentials_expired',
  },
  // credentials/ec2rolecreds (v2): 'no EC2 IMDS role found' inside the credentials cache's refresh failure.
  {
    sdk: 'go v2',
    text: 'operation error STS: GetCallerIdentity, get identity: get credentials: failed to refresh cached credentials, no EC2 IMDS role found, operation error ec2imds: GetMetadata, request canceled, context deadline exceeded',
    message: 'no EC2 IMDS role found',
    family: 'no_credentials',
    first: 'wrong_profile_or_env',
  },
  // --- Java SDK v1 (aws/aws-sdk-java aws-java-sdk-core/.../auth/AWSCredentialsProviderChain.java) and v2
  // (aws/aws-sdk-java-v2 core/auth/.../credentials/AwsCredentialsProviderChain.java) --------------------------
  {
    sdk: 'java v1',
    text: 'com.amazonaws.SdkClientException: Unable to load AWS credentials from any provider in the chain: [EnvironmentVariableCredentialsProvider: Unable to load AWS credentials from environment variables (AWS_ACCESS_KEY_ID (or AWS_ACCESS_KEY) and AWS_SECRET_KEY (or AWS_SECRET_ACCESS_KEY))]',
    message: 'Unable to load AWS credentials from any provider in the chain',
    family: 'no_credentials',
    first: 'wrong_profile_or_env',
  },
  {
    sdk: 'java v2',
    text: 'software.amazon.awssdk.core.exception.SdkClientException: Unable to load credentials from any of the providers in the chain AwsCredentialsProviderChain(credentialsProviders=[SystemPropertyCredentialsProvider(), EnvironmentVariableCredentialsProvider()])',
    message: 'Unable to load credentials from any of the providers in the chain',
    family: 'no_credentials',
    first: 'wrong_profile_or_env',
  },
  // --- .NET (aws/aws-sdk-net sdk/src/Core/Amazon.Runtime/Credentials/Internal/SSOTokenManager.cs) --------------
  {
    sdk: 'dotnet',
    text: 'Amazon.Runtime.AmazonClientException: SSO Token has expired and can not be refreshed',
    message: 'SSO Token has expired and can not be refreshed',
    family: 'sso_expired',
    first: 'temp_credentials_expired',
  },
  {
    sdk: 'dotnet',
    text: 'Amazon.Runtime.AmazonClientException: No valid SSO Token could be found.',
    message: 'No valid SSO Token could be found.',
    family: 'sso_expired',
    first: 'temp_credentials_expired',
  },
  // --- Rust / Kotlin (smithy-lang/smithy-rs aws/rust-runtime/aws-credential-types/src/provider/error.rs: the
  // CredentialsError Display strings; the chain's own 'no providers in chain provided credentials').
  {
    sdk: 'rust',
    text: 'the credentials provider was not properly configured',
    family: 'no_credentials',
    first: 'wrong_profile_or_env',
  },
  {
    sdk: 'rust',
    text: 'credentials provider timed out after 5 seconds',
    family: 'no_credentials',
    first: 'wrong_profile_or_env',
  },
  {
    sdk: 'rust',
    text: 'unexpected credentials error',
    family: 'no_credentials',
    top3: ['wrong_profile_or_env'],
  },
  {
    sdk: 'rust',
    text: 'a non-recoverable error occurred while loading credentials',
    family: 'no_credentials',
    top3: ['wrong_profile_or_env'],
  },
  {
    sdk: 'rust',
    text: 'Error: dispatch failure: other: no providers in chain provided credentials',
    message: 'no providers in chain provided credentials',
    family: 'no_credentials',
    first: 'wrong_profile_or_env',
  },
  // --- Ruby (aws/aws-sdk-ruby gems/aws-sdk-core/lib/aws-sdk-core/errors.rb, shared_config.rb) --------------------
  {
    sdk: 'ruby',
    text: 'Aws::Errors::MissingCredentialsError: unable to sign request without credentials set',
    message: 'unable to sign request without credentials set',
    family: 'no_credentials',
    first: 'wrong_profile_or_env',
  },
  {
    sdk: 'ruby',
    text: 'Aws::Errors::NoSourceProfileError: Profile dev has a role_arn, and source_profile, but the source_profile does not have credentials.',
    message: 'Profile dev has a role_arn, and source_profile, but the source_profile does not have credentials.',
    family: 'no_credentials',
    first: 'wrong_profile_or_env',
  },
  {
    sdk: 'ruby',
    text: 'Aws::Errors::NoSourceProfileError: Profile dev has a role_arn, but no source_profile.',
    message: 'Profile dev has a role_arn, but no source_profile.',
    family: 'no_credentials',
    first: 'wrong_profile_or_env',
  },
  {
    sdk: 'ruby',
    text: 'Aws::Errors::InvalidCredentialSourceError: Unsupported credential_source: Ec2',
    message: 'Unsupported credential_source: Ec2',
    family: 'no_credentials',
    first: 'wrong_profile_or_env',
  },
  {
    sdk: 'ruby',
    text: 'Aws::Errors::NoSourceCredentials: Profile dev could not get source credentials from provider EcsContainer',
    message: 'Profile dev could not get source credentials from provider EcsContainer',
    family: 'no_credentials',
    first: 'wrong_profile_or_env',
  },
  {
    sdk: 'ruby',
    text: 'ArgumentError: sso-session my-sso must be defined in the config file. Referenced by profile dev',
    family: 'sso_config_invalid',
    first: 'wrong_profile_or_env',
  },
  // --- PHP (aws/aws-sdk-php src/Credentials/InstanceProfileProvider.php createErrorMessage) -------------------
  {
    sdk: 'php',
    text: 'Aws\\Exception\\CredentialsException: Error retrieving credentials from the instance profile metadata server. (cURL error 28: Connection timed out after 1001 milliseconds)',
    message: 'Error retrieving credentials from the instance profile metadata server.',
    family: 'no_credentials',
    first: 'wrong_profile_or_env',
  },
  // --- Java v1 (aws/aws-sdk-java EC2CredentialsUtils / ProfilesConfigFile) and v2 chain entries, as quoted in
  // AwsCredentialsProviderChain's message (ContainerCredentialsProvider, WebIdentityTokenCredentialsProvider) ------
  {
    sdk: 'java v1',
    text: 'com.amazonaws.SdkClientException: The requested metadata is not found at http://169.254.169.254/latest/meta-data/iam/security-credentials/',
    message: 'The requested metadata is not found at http://169.254.169.254/latest/meta-data/iam/security-credentials/',
    family: 'no_credentials',
    first: 'wrong_profile_or_env',
  },
  {
    sdk: 'java v1',
    text: "java.lang.IllegalArgumentException: No AWS profile named 'dev'",
    message: "No AWS profile named 'dev'",
    family: 'no_credentials',
    first: 'wrong_profile_or_env',
  },
  {
    sdk: 'java v2',
    text: 'ContainerCredentialsProvider(): Cannot fetch credentials from container - neither AWS_CONTAINER_CREDENTIALS_FULL_URI or AWS_CONTAINER_CREDENTIALS_RELATIVE_URI environment variables are set.',
    family: 'no_credentials',
    first: 'wrong_profile_or_env',
  },
  {
    sdk: 'java v2',
    text: 'WebIdentityTokenCredentialsProvider(): Either the environment variable AWS_WEB_IDENTITY_TOKEN_FILE or the javaproperty aws.webIdentityTokenFile must be set.',
    family: 'no_credentials',
    first: 'wrong_profile_or_env',
  },
  // --- .NET (aws/aws-sdk-net EnvironmentVariablesAWSCredentials.cs; FallbackCredentialsFactory's listed errors) ----
  {
    sdk: 'dotnet',
    text: 'Amazon.Runtime.AmazonClientException: Failed to resolve AWS credentials. The credential providers used to search for credentials returned the following errors:\nException 1 of 4: The environment variables AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY/AWS_SESSION_TOKEN were not set with AWS credentials.',
    message:
      'The environment variables AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY/AWS_SESSION_TOKEN were not set with AWS credentials.',
    family: 'no_credentials',
    first: 'wrong_profile_or_env',
  },
  {
    sdk: 'dotnet',
    text: "Exception 2 of 4: The webIdentityTokenFile must be an absolute path. (Parameter 'webIdentityTokenFile')",
    family: 'no_credentials',
    first: 'wrong_profile_or_env',
  },
  {
    sdk: 'dotnet',
    text: 'Exception 3 of 4: Unable to find the "default" profile.',
    family: 'no_credentials',
    first: 'wrong_profile_or_env',
  },
  // --- PHP (aws/aws-sdk-php src/Credentials/CredentialProvider.php ini(), process(), sso(), loadRoleProfile()) -----
  {
    sdk: 'php',
    text: "Aws\\Exception\\CredentialsException: 'default' not found in credentials file",
    message: "'default' not found in credentials file",
    family: 'no_credentials',
    first: 'wrong_profile_or_env',
  },
  {
    sdk: 'php',
    text: "Aws\\Exception\\CredentialsException: No credentials present in INI profile 'default' (/root/.aws/credentials)",
    message: "No credentials present in INI profile 'default' (/root/.aws/credentials)",
    family: 'no_credentials',
    first: 'wrong_profile_or_env',
  },
  {
    sdk: 'php',
    text: 'Aws\\Exception\\CredentialsException: Either source_profile or credential_source must be set using profile dev, but not both.',
    message: 'Either source_profile or credential_source must be set using profile dev, but not both.',
    family: 'no_credentials',
    first: 'wrong_profile_or_env',
  },
  {
    sdk: 'php',
    text: 'Aws\\Exception\\CredentialsException: Circular source_profile reference found.',
    message: 'Circular source_profile reference found.',
    family: 'no_credentials',
    first: 'wrong_profile_or_env',
  },
  {
    sdk: 'php',
    text: 'Aws\\Exception\\CredentialsException: Error retrieving credentials from the instance profile metadata server. (EC2 metadata server access disabled)',
    message: 'EC2 metadata server access disabled',
    family: 'no_credentials',
    first: 'wrong_profile_or_env',
  },
  {
    sdk: 'php',
    text: 'Aws\\Exception\\CredentialsException: Cached SSO credentials returned expired credentials',
    message: 'Cached SSO credentials returned expired credentials',
    family: 'sso_expired',
    first: 'temp_credentials_expired',
  },
  {
    sdk: 'php',
    text: 'Aws\\Exception\\CredentialsException: Unable to read token file at /home/u/.aws/sso/cache/2d2a3f.json',
    message: 'Unable to read token file at /home/u/.aws/sso/cache/2d2a3f.json',
    family: 'sso_expired',
    first: 'temp_credentials_expired',
  },
  // --- Ruby SSOTokenProvider (aws/aws-sdk-ruby gems/aws-sdk-core/lib/aws-sdk-core/sso_token_provider.rb) ----------
  {
    sdk: 'ruby',
    text: 'Aws::Errors::InvalidSSOToken: Token is invalid and failed to refresh.',
    message: 'Token is invalid and failed to refresh.',
    family: 'sso_expired',
    first: 'temp_credentials_expired',
  },
  // --- STS AssumeRoleWithWebIdentity (docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRoleWithWebIdentity.html
  // errors; repost.aws/knowledge-center/eks-troubleshoot-irsa-errors quotes the botocore forms) --------------------
  {
    sdk: 'boto3 (IRSA)',
    text: 'An error occurred (InvalidIdentityToken) when calling the AssumeRoleWithWebIdentity operation: No OpenIDConnect provider found in your account for https://oidc.eks.region.amazonaws.com/id/xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
    family: 'web_identity_setup',
    first: 'missing_iam_permission',
    top3: ['wrong_profile_or_env'],
  },
  {
    sdk: 'boto3 (IRSA)',
    text: 'An error occurred (ValidationError) when calling the AssumeRoleWithWebIdentity operation: Request ARN is invalid',
    family: 'web_identity_setup',
    top3: ['wrong_profile_or_env'],
  },
  // GitLab CI tokens (gitlab-org/gitlab#342243 quotes STS's answers).
  {
    sdk: 'aws-cli (GitLab OIDC)',
    text: 'An error occurred (InvalidIdentityToken) when calling the AssumeRoleWithWebIdentity operation: Missing a required claim: aud',
    family: 'web_identity_setup',
    top3: ['wrong_profile_or_env', 'unknown'],
  },
  {
    sdk: 'aws-cli (GitLab OIDC)',
    text: 'An error occurred (InvalidIdentityToken) when calling the AssumeRoleWithWebIdentity operation: Couldn’t retrieve verification key from your identity provider, please reference AssumeRoleWithWebIdentity documentation for requirements',
    family: 'web_identity_setup',
    top3: ['unknown'],
  },
  // The STS error codes alone: IDPCommunicationError (IdP unreachable), InvalidIdentityToken (get a new token).
  {
    sdk: 'boto3',
    text: 'An error occurred (IDPCommunicationError) when calling the AssumeRoleWithWebIdentity operation: Connection timed out',
    family: 'web_identity_setup',
    top3: ['unknown'],
  },
  {
    sdk: 'boto3',
    text: 'An error occurred (InvalidIdentityToken) when calling the AssumeRoleWithWebIdentity operation:',
    family: 'web_identity_invalid',
    first: 'temp_credentials_expired',
  },
  // STS AssumeRole AccessDenied, as the Go v2 SDK prints it (operation error ... api error AccessDenied).
  {
    sdk: 'go v2',
    text: 'operation error STS: AssumeRole, https response error StatusCode: 403, RequestID: 1a2b, api error AccessDenied: User: arn:aws:iam::123456789012:user/bob is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::123456789012:role/x',
    family: 'denied_principal',
    first: 'missing_iam_permission',
  },
  // --- JS SDK v2 (aws/aws-sdk-js lib/credentials/*.js and lib/metadata_service.js; error codes as it sets them) ---
  {
    sdk: 'js-v2',
    text: 'SharedIniFileCredentialsProviderFailure: Credentials not set for profile dev',
    message: 'Credentials not set for profile dev',
    family: 'no_credentials',
    first: 'wrong_profile_or_env',
  },
  {
    sdk: 'js-v2',
    text: 'ProcessCredentialsProviderFailure: Profile dev did not include credential process',
    message: 'Profile dev did not include credential process',
    family: 'no_credentials',
    top3: ['wrong_profile_or_env'],
  },
  {
    sdk: 'js-v2',
    text: 'SharedIniFileCredentialsProviderFailure: source_profile is not set using profile dev',
    message: 'source_profile is not set using profile dev',
    family: 'no_credentials',
    first: 'wrong_profile_or_env',
  },
  {
    sdk: 'js-v2',
    text: 'ECSCredentialsProviderFailure: Variable AWS_CONTAINER_CREDENTIALS_RELATIVE_URI or AWS_CONTAINER_CREDENTIALS_FULL_URI must be set to use AWS.RemoteCredentials.',
    message:
      'Variable AWS_CONTAINER_CREDENTIALS_RELATIVE_URI or AWS_CONTAINER_CREDENTIALS_FULL_URI must be set to use AWS.RemoteCredentials.',
    family: 'no_credentials',
    first: 'wrong_profile_or_env',
  },
  {
    sdk: 'js-v2',
    text: 'Error: EC2 Metadata roleName request returned error\n    at IncomingMessage.<anonymous> (/app/node_modules/aws-sdk/lib/metadata_service.js:190:19)',
    message: 'EC2 Metadata roleName request returned error',
    family: 'no_credentials',
    first: 'wrong_profile_or_env',
  },
  {
    sdk: 'js-v2',
    text: 'Error: Please log in using "aws sso login"',
    family: 'sso_expired',
    first: 'temp_credentials_expired',
  },
  {
    sdk: 'js-v2',
    text: 'Error: Cached credentials not found under dev profile. Please make sure you log in with aws sso login first',
    family: 'sso_expired',
    first: 'temp_credentials_expired',
  },
  {
    sdk: 'js-v2',
    text: 'Error: Profile dev does not have valid SSO credentials. Required parameters "sso_account_id", "sso_region", "sso_role_name", "sso_start_url". Reference: https://docs.aws.amazon.com/cli/latest/userguide/cli-configure-sso.html',
    message: 'Profile dev does not have valid SSO credentials.',
    family: 'sso_config_invalid',
    first: 'wrong_profile_or_env',
  },
  // aws-actions/configure-aws-credentials prints STS's message alone (JS v3 STSClient).
  {
    sdk: 'github action (js-v3)',
    text: 'Error: No OpenIDConnect provider found in your account for https://token.actions.githubusercontent.com',
    family: 'web_identity_setup',
    first: 'missing_iam_permission',
  },
  // aws/aws-sdk-net Amazon.Util.ProfileManager (SDK store profiles, older .NET SDKs).
  {
    sdk: 'dotnet',
    text: 'Amazon.Runtime.AmazonClientException: A profile named default has not been registered or contains invalid data.\n   at Amazon.Util.ProfileManager.GetAWSCredentials (System.String profileName)',
    message: 'A profile named default has not been registered or contains invalid data.',
    family: 'no_credentials',
    first: 'wrong_profile_or_env',
  },
  // STS AccessDenied for AssumeRoleWithWebIdentity: the role's trust policy does not match the token
  // (repost.aws/knowledge-center/iam-idp-access-error); aws-actions/configure-aws-credentials#318 quotes the action's form.
  {
    sdk: 'botocore',
    text: 'An error occurred (AccessDenied) when calling the AssumeRoleWithWebIdentity operation: Not authorized to perform sts:AssumeRoleWithWebIdentity',
    message: 'Not authorized to perform sts:AssumeRoleWithWebIdentity',
    family: 'web_identity_denied',
    first: 'missing_iam_permission',
    top3: ['wrong_profile_or_env'],
  },
  {
    sdk: 'go v2',
    text: 'operation error STS: AssumeRoleWithWebIdentity, https response error StatusCode: 403, RequestID: 1a2b, api error AccessDenied: Not authorized to perform sts:AssumeRoleWithWebIdentity',
    family: 'web_identity_denied',
    first: 'missing_iam_permission',
    top3: ['wrong_profile_or_env'],
  },
  {
    sdk: 'github action',
    text: 'Error: Not authorized to perform sts:AssumeRoleWithWebIdentity',
    family: 'web_identity_denied',
    first: 'missing_iam_permission',
  },
  // Cognito identity pools: GetCredentialsForIdentity's InvalidIdentityPoolConfigurationException (no role for the
  // auth type, or STS refused to assume it; the role trust policy must allow cognito-identity.amazonaws.com), as the
  // Android SDK prints it (blasanka/aws_s3_plugin#14).
  {
    sdk: 'Android (AmazonCognitoIdentity)',
    text: 'onError: com.amazonaws.services.cognitoidentity.model.InvalidIdentityPoolConfigurationException: Invalid identity pool configuration. Check assigned IAM roles for this pool. (Service: AmazonCognitoIdentity; Status Code: 400; Error Code: InvalidIdentityPoolConfigurationException; Request ID: e35928a5-0370-4ebd-9845-f56d249f282e)',
    message: 'Invalid identity pool configuration. Check assigned IAM roles for this pool.',
    family: 'web_identity_denied',
    first: 'missing_iam_permission',
  },
  // STS refusing the caller's kind of credentials: AssumeRole with root keys (the CLI's answer as pasted at
  // pastebin.com/pxhTzc48; STS API reference: root user credentials cannot call it), GetSessionToken with session
  // credentials (quoted in a public MFA helper's troubleshooting notes; it needs long-term IAM user keys).
  {
    sdk: 'aws-cli',
    text: 'An error occurred (AccessDenied) when calling the AssumeRole operation: Roles may not be assumed by root accounts.',
    message: 'Roles may not be assumed by root accounts.',
    family: 'sts_caller_not_allowed',
    first: 'wrong_profile_or_env',
  },
  {
    sdk: 'aws-cli',
    text: 'An error occurred (AccessDenied) when calling the GetSessionToken operation: Cannot call GetSessionToken with session credentials',
    message: 'Cannot call GetSessionToken with session credentials',
    family: 'sts_caller_not_allowed',
    first: 'wrong_profile_or_env',
  },
  // Go SDK v2 credentials/ssocreds/sso_cached_token.go loadCachedToken, through the credentials cache.
  {
    sdk: 'go v2',
    text: 'operation error Bedrock Runtime: Converse, get identity: get credentials: failed to refresh cached credentials, failed to read cached SSO token file, open /home/u/.aws/sso/cache/5f1a.json: no such file or directory',
    message: 'failed to read cached SSO token file, open /home/u/.aws/sso/cache/5f1a.json: no such file or directory',
    family: 'sso_expired',
    first: 'temp_credentials_expired',
  },
  {
    sdk: 'go v2',
    text: 'get credentials: failed to refresh cached credentials, cached SSO token must contain accessToken and expiresAt fields',
    message: 'cached SSO token must contain accessToken and expiresAt fields',
    family: 'sso_expired',
    first: 'temp_credentials_expired',
  },
  // Java SDK v2 regions/providers/AwsProfileRegionProvider.java: the profile read has no region (also when the
  // process-default profile is read instead of the one the credentials came from: the two causes listed).
  {
    sdk: 'java v2',
    text: 'AwsProfileRegionProvider: No region provided in profile: default',
    message: 'No region provided in profile: default',
    family: 'no_region',
    top3: ['region_unsupported', 'wrong_profile_or_env'],
  },
  // Java SDK v2 services/ssooidc/.../SsoOidcTokenProvider.java (sso-session token provider).
  {
    sdk: 'java v2',
    text: 'software.amazon.awssdk.core.exception.SdkClientException: Unable to load SSO token',
    message: 'Unable to load SSO token',
    family: 'sso_expired',
    first: 'temp_credentials_expired',
  },
  {
    sdk: 'java v2',
    text: 'software.amazon.awssdk.core.exception.SdkClientException: Token is expired',
    family: 'sso_expired',
    first: 'temp_credentials_expired',
  },
  // aws-credential-types CredentialsError printed with {:?} (the enum's derived Debug: variant and struct names).
  {
    sdk: 'rust',
    text: 'Error: CredentialsNotLoaded(CredentialsNotLoaded { source: None })',
    family: 'no_credentials',
    first: 'wrong_profile_or_env',
  },
  {
    sdk: 'rust',
    text: 'Error: ProviderTimedOut(ProviderTimedOut { timeout_duration: 5s })',
    family: 'no_credentials',
    first: 'wrong_profile_or_env',
  },
];

describe('credential-side wordings as the SDKs and CLIs print them', () => {
  for (const row of ROWS) {
    it(`${row.sdk}: ${row.text.slice(0, 90)}`, () => {
      expect(messageFamilies(row.text)).toContain(row.family);
      expect(messageFamilies(row.message ?? row.text)).toContain(row.family);
      expectCauses(row.text, row);
    });
  }

  it('an expired refresh token from another OAuth service is not an `aws login` session', () => {
    const text = 'google.auth.exceptions.RefreshError: invalid_grant: The refresh token has expired';
    expect(messageFamilies(text)).not.toContain('console_login_expired');
  });

  it('"Unable to determine region for bucket" wraps another failure: it is not a missing region', () => {
    const text =
      'Warning: Unable to determine region for bucket my-bucket, assuming bucket is in correct region: The provided token is malformed or otherwise invalid.';
    expect(messageFamilies(text)).not.toContain('no_region');
  });

  it('a 301 that is not a status is not a bucket redirect', () => {
    expect(messageFamilies('Error: upload failed after 301 retries, status code: 3010')).not.toContain(
      'bucket_other_region',
    );
    expect(messageFamilies('AccessDenied: Access Denied (request 301 of 500)')).not.toContain('bucket_other_region');
  });

  it("a Cognito user pool's sign-in refusal is not an identity pool's role configuration", () => {
    const text = 'NotAuthorizedException: Incorrect username or password.';
    expect(messageFamilies(text)).not.toContain('web_identity_denied');
  });
});
