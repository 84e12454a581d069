package io.hathor.reinit.config;

import java.net.URI;

/**
 * How to reach the loadWalletAsync function. Credentials are not here: they come from the SDK's default chain.
 *
 * @param functionName full function name, e.g. hathor-wallet-service-mainnet-loadWalletAsync
 * @param region AWS region, or null for the SDK's chain
 * @param endpoint endpoint override (serverless-offline, a local Invoke API), or null for AWS
 */
public record LambdaSettings(String functionName, String region, URI endpoint) {

    public LambdaSettings {
        if (functionName == null || functionName.isBlank()) {
            throw ReinitException.configuration(
                    "no Lambda function: pass --function-name or set SERVICE_NAME and STAGE");
        }
        if (endpoint != null && (endpoint.getScheme() == null || endpoint.getHost() == null)) {
            throw ReinitException.configuration("--lambda-endpoint must be an absolute URL, e.g. http://localhost:3002");
        }
    }
}
