package io.keel.core.journal;

/** A record that does not decode; carries only a message, converted to {@link JournalException} by callers. */
final class CorruptRecordException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    CorruptRecordException(final String message)
    {
        super(message, null, false, false);
    }

    /**
     * @return {@code value}, a persisted code's enum value.
     * @throws CorruptRecordException when the code was unknown ({@code value} null).
     */
    static <T> T known(final T value, final String what)
    {
        if (value == null)
        {
            throw new CorruptRecordException("unknown " + what + " code");
        }
        return value;
    }
}
