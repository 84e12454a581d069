package io.hathor.reinit.lambda;

import io.hathor.reinit.config.ExitStatus;
import io.hathor.reinit.config.ReinitException;

/**
 * The Lambda can't be used at all with these settings: function not found, access denied, bad or missing
 * credentials, an endpoint that doesn't answer. Exit status {@link ExitStatus#USAGE}; the message names the function
 * and never a secret.
 */
public class LambdaConfigurationException extends ReinitException {
    private static final long serialVersionUID = 1L;

    public LambdaConfigurationException(String message) {
        super(ExitStatus.USAGE, message);
    }

    public LambdaConfigurationException(String message, Throwable cause) {
        super(ExitStatus.USAGE, message, cause);
    }
}
