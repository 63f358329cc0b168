package io.keel.execution.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The signed Binance REST calls XChange 5.2.4 cannot make: querying and canceling an order by its client order id
 * alone (its Binance interface takes the venue's order id as a primitive, so it always sends one). Signed exactly as
 * Binance specifies: HMAC-SHA256 of the query string with the secret, {@code X-MBX-APIKEY} header. The secret stays
 * in a {@link Mac}; nothing here logs.
 */
final class BinanceSignedRest
{
    /** A venue answer: HTTP status, Binance error code (0 when none), body, Retry-After seconds (-1 when none). */
    record Answer(int status, int code, JsonNode body, long retryAfterSeconds)
    {
        boolean ok()
        {
            return status == 200;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String base;
    private final String apiKey;
    private final Mac mac;
    private final HttpClient http;
    private final Duration timeout;
    private final java.util.function.LongSupplier epochMillis;

    /** @param epochMillis the wall clock Binance checks each request's {@code timestamp} against (injected). */
    BinanceSignedRest(final String base, final String apiKey, final String secret, final Duration timeout,
        final java.util.function.LongSupplier epochMillis)
    {
        this.epochMillis = epochMillis;
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.apiKey = apiKey;
        try
        {
            this.mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException("HmacSHA256 unavailable", ex);
        }
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
        this.timeout = timeout;
    }

    private synchronized String sign(final String payload)
    {
        return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
    }

    /** Sends an unsigned GET of a public endpoint. */
    Answer publicCall(final String path, final Map<String, String> params) throws IOException, InterruptedException
    {
        final StringBuilder query = new StringBuilder();
        for (final Map.Entry<String, String> p : params.entrySet())
        {
            query.append(query.length() == 0 ? "" : "&").append(p.getKey()).append('=')
                .append(URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8));
        }
        final HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + path + "?" + query))
            .timeout(timeout).GET().build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body;
        try
        {
            body = JSON.readTree(response.body());
        }
        catch (final IOException ex)
        {
            body = JSON.createObjectNode();
        }
        return new Answer(response.statusCode(), body.path("code").asInt(0), body, -1);
    }

    /**
     * Sends a signed request.
     *
     * @param method GET or DELETE.
     * @param path   e.g. {@code /api/v3/order}.
     * @param params request parameters (timestamp is added).
     */
    Answer call(final String method, final String path, final Map<String, String> params)
        throws IOException, InterruptedException
    {
        final Map<String, String> all = new LinkedHashMap<>(params);
        all.put("timestamp", Long.toString(epochMillis.getAsLong()));
        final StringBuilder query = new StringBuilder();
        for (final Map.Entry<String, String> p : all.entrySet())
        {
            query.append(query.length() == 0 ? "" : "&").append(p.getKey()).append('=')
                .append(URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8));
        }
        final String signature = sign(query.toString()); // before appending: the signature signs the rest
        query.append("&signature=").append(signature);
        final HttpRequest request = HttpRequest.newBuilder(URI.create(base + path + "?" + query))
            .timeout(timeout).header("X-MBX-APIKEY", apiKey).method(method, HttpRequest.BodyPublishers.noBody())
            .build();
        final HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        JsonNode body;
        try
        {
            body = JSON.readTree(response.body());
        }
        catch (final IOException ex)
        {
            body = JSON.createObjectNode();
        }
        final long retryAfter = response.headers().firstValue("Retry-After").map(String::trim)
            .map(Long::parseLong).orElse(-1L);
        return new Answer(response.statusCode(), body.path("code").asInt(0), body, retryAfter);
    }
}
