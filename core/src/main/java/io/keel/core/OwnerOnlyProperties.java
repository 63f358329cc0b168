package io.keel.core;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Properties;
import java.util.Set;

/**
 * Reads a properties file of secrets (API keys) that only its owner may read: 0600 or 0400, outside the repository.
 * A file readable or writable by group or others is refused with the chmod that fixes it.
 */
public final class OwnerOnlyProperties
{
    private OwnerOnlyProperties()
    {
    }

    /**
     * @return the file's properties.
     * @throws IllegalArgumentException when group or others have any permission on it.
     */
    public static Properties read(final Path file) throws IOException
    {
        final Set<PosixFilePermission> tooOpen = EnumSet.copyOf(Files.getPosixFilePermissions(file));
        tooOpen.retainAll(EnumSet.of(PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE,
            PosixFilePermission.OTHERS_EXECUTE));
        if (!tooOpen.isEmpty())
        {
            throw new IllegalArgumentException("credentials file " + file + " is readable by others " + tooOpen +
                "; chmod 600 it");
        }
        final Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file))
        {
            properties.load(in);
        }
        return properties;
    }
}
