package io.hathor.reinit.cli;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's Lambda is local, but the AWS SDK still signs requests with credentials from its default chain: when
 * the environment has none, dummy ones go into the system properties the chain reads first. Demo only.
 */
final class DemoCredentials {
    private static final Logger LOG = LoggerFactory.getLogger(DemoCredentials.class);

    private DemoCredentials() {}

    static void useDummiesWhenAbsent() {
        // The SDK reads the process environment only, not .env.
        Environment env = Environment.current();
        if (env.fromProcess("AWS_ACCESS_KEY_ID") == null && System.getProperty("aws.accessKeyId") == null) {
            System.setProperty("aws.accessKeyId", "demo-access-key");
            System.setProperty("aws.secretAccessKey", "demo-secret-key");
            LOG.info("no AWS credentials in the environment: using dummy ones for the local Invoke API");
        }
        if (env.fromProcess("AWS_REGION") == null && env.fromProcess("AWS_DEFAULT_REGION") == null
                && System.getProperty("aws.region") == null) {
            System.setProperty("aws.region", io.hathor.reinit.demo.DemoRun.REGION);
        }
    }
}
