package io.keel.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Live orders stay off unless the profile and the command line both turn them on, with keys kept private. */
class LiveFlagsTest
{
    @Test
    void shouldRefuseKeysOthersCanReadAndLiveOrdersTheProfileDoesNotAllow(@TempDir final Path dir) throws Exception
    {
        final Path keys = dir.resolve("binance.properties");
        Files.writeString(keys, "api_key=k-123\napi_secret=s-456-very-secret\n");
        Files.setPosixFilePermissions(keys, PosixFilePermissions.fromString("rw-r--r--"));
        final CliRunner.Result open = CliRunner.keel("run", "--live-binance", "http://127.0.0.1:9", "--binance-keys",
            keys.toString(), "--state-dir", dir.resolve("s").toString(), "--no-journal", "--fast", "--duration", "1m");
        assertEquals(ExitCode.BAD_INPUT, open.exitCode(), open.all());
        assertTrue(open.err().contains("chmod 600"), open.all());

        Files.setPosixFilePermissions(keys, PosixFilePermissions.fromString("rw-------"));
        final CliRunner.Result blind = CliRunner.keel("run", "--live-binance", "http://127.0.0.1:9", "--binance-keys",
            keys.toString(), "--state-dir", dir.resolve("s").toString(), "--no-journal", "--fast", "--duration", "1m");
        assertEquals(ExitCode.BAD_INPUT, blind.exitCode(), blind.all());
        assertTrue(blind.err().contains("a live run needs market data: --market-ws"), "real orders never trade on " +
            "simulated prices unless asked: " + blind.all());

        final CliRunner.Result off = CliRunner.keel("run", "--live-binance", "http://127.0.0.1:9", "--binance-keys",
            keys.toString(), "--state-dir", dir.resolve("s").toString(), "--no-journal", "--fast", "--duration", "1m",
            "--simulated-market-data");
        assertEquals(ExitCode.BAD_INPUT, off.exitCode(), off.all());
        assertTrue(off.err().contains("execution.liveTrading: true"), "the shipped profiles keep it off: " +
            off.all());
        assertFalse(off.all().contains("s-456-very-secret"), "the secret is never printed");

        final CliRunner.Result plain = CliRunner.keel("run", "--live-binance", "http://example.com", "--state-dir",
            dir.resolve("s").toString(), "--no-journal", "--fast", "--duration", "1m");
        assertEquals(ExitCode.BAD_INPUT, plain.exitCode(), plain.all());
        assertTrue(plain.err().contains("must be https"), "no keys go over plain http: " + plain.all());
    }
}
