package io.keel.app;

import picocli.CommandLine;

/** Version from the jar manifest. */
final class VersionProvider implements CommandLine.IVersionProvider
{
    static String version()
    {
        final String version = Main.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }

    @Override
    public String[] getVersion()
    {
        return new String[] {"keel " + version()};
    }
}
