package io.hathor.reinit.cli;

import picocli.CommandLine.IVersionProvider;

/** Version from the jar manifest (the build's project version). */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = VersionProvider.class.getPackage().getImplementationVersion();
        return new String[] {"reinit " + (version == null ? "development build" : version)};
    }
}
