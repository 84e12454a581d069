package io.hathor.reinit.cli;

import io.hathor.reinit.config.LambdaSettings;
import io.hathor.reinit.config.ReinitException;
import java.net.URI;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Lambda flags; SERVICE_NAME, STAGE and AWS_REGION fill in what the flags leave out. */
public final class LambdaOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = "--function-name", paramLabel = "NAME",
            description = "Function to invoke (default: $${SERVICE_NAME}-$${STAGE}-loadWalletAsync).")
    String functionName;

    @Option(names = "--region", paramLabel = "REGION", description = "AWS region (default: AWS_REGION, then the SDK chain).")
    String region;

    @Option(names = "--lambda-endpoint", paramLabel = "URL",
            description = "Endpoint override (default: http://localhost:3002 when STAGE=dev, else AWS).")
    URI endpoint;

    LambdaSettings settings() {
        // The flags default to SERVICE_NAME, STAGE and AWS_REGION (Environment); here only to say what is missing.
        if (functionName == null) {
            throw ReinitException.configuration("no Lambda function: pass --function-name or set "
                    + (env().get("SERVICE_NAME") == null ? "SERVICE_NAME" : "STAGE"));
        }
        return new LambdaSettings(functionName, region, endpoint);
    }

    /** The variables this command's defaults came from. */
    private Environment env() {
        return command != null && command.defaultValueProvider() instanceof Environment env ? env
                : Environment.current();
    }
}
