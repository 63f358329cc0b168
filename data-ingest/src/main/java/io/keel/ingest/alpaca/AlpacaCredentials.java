package io.keel.ingest.alpaca;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * An Alpaca key pair. Read from the environment ({@code APCA_API_KEY_ID}, {@code APCA_API_SECRET_KEY}) or from a
 * properties file outside the repository ({@code key_id=...}, {@code secret_key=...}) that only its owner may read
 * (0600 or 0400). The secret never leaves this object except in the authentication message: {@link #toString()} is
 * redacted, so it cannot reach a log or a journal by accident.
 */
public final class AlpacaCredentials
{
    private final String keyId;
    private final String secret;

    private AlpacaCredentials(final String keyId, final String secret)
    {
        if (keyId == null || keyId.isBlank() || secret == null || secret.isBlank())
        {
            throw new IllegalArgumentException("Alpaca credentials need both a key id and a secret key");
        }
        this.keyId = keyId.trim();
        this.secret = secret.trim();
    }

    /** @return credentials from a key id and a secret already read (the trading keys of a live run). */
    public static AlpacaCredentials of(final String keyId, final String secret)
    {
        return new AlpacaCredentials(keyId, secret);
    }

    /** @return credentials from {@code APCA_API_KEY_ID} and {@code APCA_API_SECRET_KEY} in {@code environment}. */
    public static AlpacaCredentials fromEnvironment(final Map<String, String> environment)
    {
        return new AlpacaCredentials(environment.get("APCA_API_KEY_ID"), environment.get("APCA_API_SECRET_KEY"));
    }

    /**
     * @return credentials from a properties file readable by its owner only.
     * @throws IllegalArgumentException when the file is readable by group or others, or incomplete.
     */
    public static AlpacaCredentials fromFile(final Path file) throws IOException
    {
        final Properties properties = io.keel.core.OwnerOnlyProperties.read(file);
        return new AlpacaCredentials(properties.getProperty("key_id"), properties.getProperty("secret_key"));
    }

    /** @return the key id (not secret, but kept out of logs all the same). */
    String keyId()
    {
        return keyId;
    }

    /** @return the secret; only the authentication message and request headers may use it. */
    String secret()
    {
        return secret;
    }

    @Override
    public String toString()
    {
        return "AlpacaCredentials{keyId=" + keyId.substring(0, Math.min(4, keyId.length())) + "…, secret=redacted}";
    }
}
