package io.hathor.reinit.cli;

import io.hathor.reinit.config.LambdaSettings;
import io.hathor.reinit.config.ReinitException;
import java.net.URI;
import picocli.CommandLine.Option;

/** Lambda flags; SERVICE_NAME, STAGE and AWS_REGION fill in what the flags leave out. */
public final class LambdaOptions {
    static final URI SERVERLESS_OFFLINE = URI.create("http://localhost:3002");

    @Option(names = "--function-name", paramLabel = "NAME",
            description = "Function to invoke (default: $${SERVICE_NAME}-$${STAGE}-loadWalletAsync).")
    String functionName;

    @Option(names = "--region", paramLabel = "REGION", description = "AWS region (default: AWS_REGION, then the SDK chain).")
    String region;

    @Option(names = "--lambda-endpoint", paramLabel = "URL",
            description = "Endpoint override (default: http://localhost:3002 when STAGE=dev, else AWS).")
    URI endpoint;

    LambdaSettings settings() {
        String stage = Environment.get("STAGE");
        String name = functionName;
        if (name == null) {
            String service = Environment.get("SERVICE_NAME");
            if (service == null || stage == null) {
                throw ReinitException.configuration("no Lambda function: pass --function-name or set "
                        + (service == null ? "SERVICE_NAME" : "STAGE"));
            }
            name = service + "-" + stage + "-loadWalletAsync";
        }
        URI uri = endpoint;
        if (uri == null && "dev".equals(stage)) {
            uri = SERVERLESS_OFFLINE;
        }
        String awsRegion = region != null ? region : Environment.get("AWS_REGION");
        return new LambdaSettings(name, awsRegion, uri);
    }
}
