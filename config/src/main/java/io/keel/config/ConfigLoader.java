package io.keel.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.keel.core.FixedPoint;
import io.keel.core.InstrumentSpec;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Loads {@code base.yaml}, merges {@code modes/<mode>.yaml} over it (maps merge key by key, lists and scalars
 * replace), binds the result to {@link KeelConfig} and validates it. Every problem is reported at once, each naming
 * the file that set the key, the key, its value and what is allowed. Cold path: start-up only.
 */
public final class ConfigLoader
{
    static final String BASE_FILE = "base.yaml";

    private static final YAMLMapper YAML = YAMLMapper.builder()
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .build();
    private static final JsonMapper BINDER = JsonMapper.builder()
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        .build();

    private ConfigLoader()
    {
    }

    /**
     * Loads and validates a mode.
     *
     * @throws ConfigException naming every problem.
     */
    public static LoadedConfig load(final ConfigSource source, final String mode)
    {
        try
        {
            final String baseText = source.read(BASE_FILE);
            if (baseText == null)
            {
                throw new ConfigException(List.of(source.describe(BASE_FILE) + ": file not found"));
            }
            final String modeFile = "modes/" + mode + ".yaml";
            final String modeText = mode.matches("[A-Za-z0-9_-]+") ? source.read(modeFile) : null;
            if (modeText == null)
            {
                throw new ConfigException(List.of("unknown mode '" + mode + "': no " + source.describe(modeFile) +
                    "; available modes: " + String.join(", ", source.modes())));
            }
            // keys added after this base.yaml was written take the built-in defaults, as for an older journal
            final Map<String, String> origins = new HashMap<>();
            final ObjectNode merged = builtInBase("built-in " + BASE_FILE + " (a key newer than " +
                source.describe(BASE_FILE) + ")", origins);
            merge(merged, parse(baseText, source.describe(BASE_FILE)), "", source.describe(BASE_FILE), origins);
            final ObjectNode overlay = parse(modeText, source.describe(modeFile));
            merge(merged, overlay, "", source.describe(modeFile), origins);
            final JsonNode declaredMode = overlay.get("mode");
            if (declaredMode == null || !mode.equals(declaredMode.asText()))
            {
                throw new ConfigException(List.of(source.describe(modeFile) + ": key 'mode' = " +
                    (declaredMode == null ? "(missing)" : "'" + declaredMode.asText() + "'") +
                    " must equal the file's mode name '" + mode + "'"));
            }
            return bindAndValidate(merged, origins, source.describe(modeFile));
        }
        catch (final IOException ex)
        {
            throw new ConfigException(List.of("cannot read configuration: " + ex.getMessage()));
        }
    }

    /**
     * Loads a configuration from its effective text, as journaled in a run header. Keys the text lacks (added to the
     * configuration after the journal was written) take the built-in {@code base.yaml} defaults.
     *
     * @param origin how to name the text in messages.
     */
    public static LoadedConfig fromText(final String text, final String origin)
    {
        // Keys added after the journal was written take this build's built-in defaults, so old journals replay.
        final Map<String, String> origins = new HashMap<>();
        final ObjectNode merged = builtInBase("built-in " + BASE_FILE + " (a key newer than the journal)", origins);
        merge(merged, parse(text, origin), "", origin, origins);
        return bindAndValidate(merged, origins, origin);
    }

    /** @return the built-in base.yaml as a tree, every key's origin recorded as {@code origin}. */
    private static ObjectNode builtInBase(final String origin, final Map<String, String> origins)
    {
        final ObjectNode base;
        try
        {
            final String baseText = ConfigSource.builtIn().read(BASE_FILE);
            base = baseText == null ? YAML.createObjectNode() : parse(baseText, origin);
        }
        catch (final IOException ex)
        {
            throw new ConfigException(List.of("cannot read the built-in " + BASE_FILE + ": " + ex.getMessage()));
        }
        recordOrigins(base, "", origin, origins);
        return base;
    }

    /**
     * @return the same configuration with every model of the alpha zoo enabled, each with its configured (or default)
     *         parameters: for research runs and benchmarks of the whole zoo.
     */
    public static LoadedConfig withAllModels(final LoadedConfig loaded)
    {
        final String origin = "configuration of mode " + loaded.mode() + " with every model enabled";
        final ObjectNode tree = parse(loaded.text(), origin);
        final JsonNode alpha = tree.get("alpha");
        if (alpha instanceof ObjectNode models)
        {
            for (final Iterator<Map.Entry<String, JsonNode>> it = models.fields(); it.hasNext(); )
            {
                final Map.Entry<String, JsonNode> entry = it.next();
                // the trained model needs an artifact: enabled only when one is configured
                if (!"routes".equals(entry.getKey()) && entry.getValue() instanceof ObjectNode model &&
                    (!"trained".equals(entry.getKey()) || !model.path("artifact").asText("").isBlank()))
                {
                    model.put("enabled", true);
                }
            }
        }
        final Map<String, String> origins = new HashMap<>();
        recordOrigins(tree, "", origin, origins);
        return bindAndValidate(tree, origins, origin);
    }

    /**
     * @return the configuration with one key set ({@code sizing.minEdgeBps} = {@code 0.5}): a research sweep's trial.
     *         The value is read as YAML (a number, a boolean, text); the key must be one the configuration knows.
     * @throws ConfigException for an unknown key or a value the key does not accept, naming both.
     */
    public static LoadedConfig withValue(final LoadedConfig loaded, final String key, final String value)
    {
        final String origin = "configuration of mode " + loaded.mode() + " with " + key + "=" + value;
        final String[] path = key.split("\\.");
        if (key.isBlank() || java.util.Arrays.stream(path).anyMatch(String::isBlank))
        {
            throw new ConfigException(List.of(origin + ": a key is dot-separated names, such as sizing.minEdgeBps"));
        }
        final ObjectNode tree = parse(loaded.text(), origin);
        ObjectNode node = tree;
        for (int i = 0; i < path.length - 1; i++)
        {
            if (node.get(path[i]) != null && !(node.get(path[i]) instanceof ObjectNode))
            {
                throw new ConfigException(List.of(origin + ": '" + path[i] + "' is not a section"));
            }
            node = node.withObject("/" + path[i]);
        }
        final JsonNode parsed;
        try
        {
            parsed = YAML.readTree(value.isEmpty() ? "\"\"" : value);
        }
        catch (final IOException ex)
        {
            throw new ConfigException(List.of(origin + ": the value is not a YAML scalar: " + ex.getMessage()));
        }
        if (parsed == null || parsed.isContainerNode())
        {
            throw new ConfigException(List.of(origin + ": the value must be a single number, boolean or text"));
        }
        node.set(path[path.length - 1], parsed);
        final Map<String, String> origins = new HashMap<>();
        recordOrigins(tree, "", origin, origins);
        return bindAndValidate(tree, origins, origin);
    }

    /**
     * @return the configuration with {@code account.initialCashUsd} replaced: a live run opens its book from the
     *         venue's balances (the value is journaled with the rest of the configuration, so replays agree).
     */
    public static LoadedConfig withInitialCash(final LoadedConfig loaded, final BigDecimal usd)
    {
        final String origin = "configuration of mode " + loaded.mode() + " opened from the venue's balances";
        final ObjectNode tree = parse(loaded.text(), origin);
        tree.withObject("/account").put("initialCashUsd", usd);
        final Map<String, String> origins = new HashMap<>();
        recordOrigins(tree, "", origin, origins);
        return bindAndValidate(tree, origins, origin);
    }

    /**
     * @return the configuration trading only {@code symbols} of its instruments (the panel's instrument choice):
     *         the others and their per-symbol entries (model routes, order quantity limits) are removed.
     * @throws ConfigException naming a symbol that is not an instrument of the mode, or an empty choice.
     */
    public static LoadedConfig withInstruments(final LoadedConfig loaded, final List<String> symbols)
    {
        final String origin = "configuration of mode " + loaded.mode() + " trading " + symbols;
        final List<String> known = loaded.instruments().stream().map(io.keel.core.InstrumentSpec::symbol).toList();
        final List<String> unknown = symbols.stream().filter(s -> !known.contains(s)).toList();
        if (symbols.isEmpty() || !unknown.isEmpty())
        {
            throw new ConfigException(List.of(origin + ": choose one or more of " + known + (unknown.isEmpty() ?
                "" : "; not instruments of mode " + loaded.mode() + ": " + unknown)));
        }
        final ObjectNode tree = parse(loaded.text(), origin);
        final com.fasterxml.jackson.databind.node.ArrayNode kept = tree.arrayNode();
        tree.withArray("/instruments").forEach(i ->
        {
            if (symbols.contains(i.path("symbol").asText()))
            {
                kept.add(i);
            }
        });
        tree.set("instruments", kept);
        for (final String dropped : known)
        {
            if (!symbols.contains(dropped))
            {
                tree.withObject("/alpha").withObject("/routes").remove(dropped);
                tree.withObject("/risk").withObject("/maxOrderQuantity").remove(dropped);
            }
        }
        final Map<String, String> origins = new HashMap<>();
        recordOrigins(tree, "", origin, origins);
        return bindAndValidate(tree, origins, origin);
    }

    private static ObjectNode parse(final String text, final String file)
    {
        try
        {
            final JsonNode node = YAML.readTree(text);
            if (node == null || node.isMissingNode() || node.isNull())
            {
                return YAML.createObjectNode();
            }
            if (!node.isObject())
            {
                throw new ConfigException(List.of(file + ": top level must be a map of keys, found " +
                    node.getNodeType()));
            }
            return (ObjectNode)node;
        }
        catch (final JsonProcessingException ex)
        {
            final JsonLocation at = ex.getLocation();
            throw new ConfigException(List.of(file + (at == null ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr()) +
                ": malformed YAML: " + ex.getOriginalMessage()));
        }
    }

    private static void recordOrigins(
        final JsonNode node, final String path, final String file, final Map<String, String> origins)
    {
        if (!path.isEmpty())
        {
            origins.put(path, file);
        }
        if (node.isObject())
        {
            for (final Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); )
            {
                final Map.Entry<String, JsonNode> field = it.next();
                recordOrigins(field.getValue(), join(path, field.getKey()), file, origins);
            }
        }
    }

    private static void merge(
        final ObjectNode target,
        final ObjectNode overlay,
        final String path,
        final String file,
        final Map<String, String> origins)
    {
        for (final Iterator<Map.Entry<String, JsonNode>> it = overlay.fields(); it.hasNext(); )
        {
            final Map.Entry<String, JsonNode> field = it.next();
            final String childPath = join(path, field.getKey());
            final JsonNode existing = target.get(field.getKey());
            if (existing != null && existing.isObject() && field.getValue().isObject())
            {
                origins.put(childPath, file);
                merge((ObjectNode)existing, (ObjectNode)field.getValue(), childPath, file, origins);
            }
            else
            {
                origins.keySet().removeIf(k -> k.equals(childPath) || k.startsWith(childPath + ".") ||
                    k.startsWith(childPath + "["));
                target.set(field.getKey(), field.getValue());
                recordOrigins(field.getValue(), childPath, file, origins);
            }
        }
    }

    private static String join(final String path, final String key)
    {
        return path.isEmpty() ? key : path + "." + key;
    }

    static String originOf(final String path, final Map<String, String> origins, final String fallback)
    {
        String probe = path;
        while (!probe.isEmpty())
        {
            final String file = origins.get(probe);
            if (file != null)
            {
                return file;
            }
            final int cut = Math.max(probe.lastIndexOf('.'), probe.lastIndexOf('['));
            probe = cut < 0 ? "" : probe.substring(0, cut);
        }
        return fallback;
    }

    /**
     * @return a copy of the tree with the defaults a list item cannot take from base.yaml: an instrument's
     *     {@code venue} from its asset class (equities Alpaca, crypto Binance). The journaled text keeps the tree as
     *     written, so a configuration without venues hashes as it always did.
     */
    private static ObjectNode withDerivedDefaults(final ObjectNode tree)
    {
        final JsonNode instruments = tree.get("instruments");
        if (instruments == null || !instruments.isArray())
        {
            return tree;
        }
        final ObjectNode copy = tree.deepCopy();
        for (final JsonNode in : copy.withArray("instruments"))
        {
            if (in instanceof ObjectNode item && !item.has("venue"))
            {
                item.put("venue", "EQUITY".equals(item.path("assetClass").asText()) ? "alpaca" : "binance");
            }
        }
        return copy;
    }

    private static LoadedConfig bindAndValidate(
        final ObjectNode tree, final Map<String, String> origins, final String fallbackFile)
    {
        final KeelConfig config;
        try
        {
            config = BINDER.treeToValue(withDerivedDefaults(tree), KeelConfig.class);
        }
        catch (final JsonProcessingException | IllegalArgumentException ex)
        {
            throw new ConfigException(List.of(BindingProblems.describe(ex, origins, fallbackFile)));
        }
        final ConfigValidator validator = new ConfigValidator(origins, fallbackFile);
        validator.validate(config);
        validator.throwIfInvalid();
        final String text;
        try
        {
            text = YAML.writeValueAsString(tree);
        }
        catch (final JsonProcessingException ex)
        {
            throw new IllegalStateException("cannot serialise a parsed configuration", ex);
        }
        return derive(config, text);
    }

    private static LoadedConfig derive(final KeelConfig config, final String text)
    {
        final List<InstrumentSpec> specs = new ArrayList<>();
        final int count = config.instruments().size();
        final long[] startPrices = new long[count];
        final long[] levelQuantity = new long[count];
        for (int id = 0; id < count; id++)
        {
            final KeelConfig.Instrument in = config.instruments().get(id);
            specs.add(new InstrumentSpec(id, in.symbol(), in.venue(), in.assetClass(), in.priceScale(),
                FixedPoint.parse(in.tickSize().toPlainString(), in.priceScale()), in.quantityScale(),
                FixedPoint.parse(in.lotSize().toPlainString(), in.quantityScale()), money(in.minNotionalUsd()),
                in.quoteCurrency(), in.calendar()));
            startPrices[id] = FixedPoint.parse(in.startPrice().toPlainString(), in.priceScale());
            levelQuantity[id] = FixedPoint.parse(config.sim().levelQuantity().setScale(in.quantityScale(),
                java.math.RoundingMode.DOWN).toPlainString(), in.quantityScale());
        }
        final LoadedConfig.Money money = new LoadedConfig.Money(
            money(config.account().initialCashUsd()),
            money(config.risk().maxOrderNotionalUsd()),
            money(config.risk().maxPositionNotionalUsd()),
            money(config.risk().dailyLossStopUsd()),
            Math.round(config.execution().makerFeeBps() * 100),
            Math.round(config.execution().takerFeeBps() * 100));
        return new LoadedConfig(config, text, sha256(text), List.copyOf(specs), startPrices, levelQuantity, money);
    }

    /** @return USD as {@link FixedPoint#MONEY_SCALE} money units. */
    public static long money(final BigDecimal usd)
    {
        return usd.setScale(FixedPoint.MONEY_SCALE, java.math.RoundingMode.HALF_EVEN).unscaledValue()
            .longValueExact();
    }

    /** @return lower-case hex SHA-256 of UTF-8 text. */
    public static String sha256(final String text)
    {
        try
        {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(StandardCharsets.UTF_8)));
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException("SHA-256 is required of every JVM", ex);
        }
    }
}
