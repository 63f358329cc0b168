package io.keel.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Where {@code base.yaml} and {@code modes/*.yaml} are read from: a directory, or the copy built into the jar. */
public interface ConfigSource
{
    /** Modes shipped inside the jar. */
    List<String> BUILT_IN_MODES = List.of("crypto_scalp", "crypto_swing", "stocks_intraday", "stocks_swing");

    /** @return the text of a file relative to the source root, or null when absent. */
    String read(String relativePath) throws IOException;

    /** @return how to name a file of this source in messages. */
    String describe(String relativePath);

    /** @return the modes available. */
    List<String> modes() throws IOException;

    /**
     * @return the file's text.
     * @throws ConfigException naming the file and the byte offset when it is not UTF-8.
     */
    static String utf8(final Path file) throws IOException
    {
        final byte[] bytes = Files.readAllBytes(file);
        final java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(bytes);
        final java.nio.CharBuffer out = java.nio.CharBuffer.allocate(bytes.length);
        final java.nio.charset.CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
            .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT);
        final java.nio.charset.CoderResult result = decoder.decode(in, out, true);
        if (result.isError())
        {
            throw new ConfigException(List.of(file + ": not UTF-8 text: a malformed byte sequence at byte offset " +
                in.position() + " (" + result.length() + " byte" + (result.length() == 1 ? "" : "s") + "); save " +
                "the file as UTF-8"));
        }
        decoder.flush(out);
        return out.flip().toString();
    }

    /** @return a source reading a directory holding {@code base.yaml} and {@code modes/}. */
    static ConfigSource directory(final Path root)
    {
        return new ConfigSource()
        {
            @Override
            public String read(final String relativePath) throws IOException
            {
                final Path file = root.resolve(relativePath);
                return Files.isRegularFile(file) ? utf8(file) : null;
            }

            @Override
            public String describe(final String relativePath)
            {
                return root.resolve(relativePath).toString();
            }

            @Override
            public List<String> modes() throws IOException
            {
                final Path modes = root.resolve("modes");
                if (!Files.isDirectory(modes))
                {
                    return List.of();
                }
                try (Stream<Path> files = Files.list(modes))
                {
                    return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml"))
                        .map(n -> n.substring(0, n.length() - ".yaml".length())).sorted().toList();
                }
            }
        };
    }

    /** @return a source reading the configuration built into the jar under {@code keel-config/}. */
    static ConfigSource builtIn()
    {
        return new ConfigSource()
        {
            @Override
            public String read(final String relativePath) throws IOException
            {
                try (InputStream in = ConfigSource.class.getResourceAsStream("/keel-config/" + relativePath))
                {
                    return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }

            @Override
            public String describe(final String relativePath)
            {
                return "built-in config/" + relativePath;
            }

            @Override
            public List<String> modes()
            {
                return BUILT_IN_MODES;
            }
        };
    }
}
