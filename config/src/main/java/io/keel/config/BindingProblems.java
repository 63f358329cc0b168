package io.keel.config;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A binding failure of a configuration tree, said as the file, the key and what was expected there. */
final class BindingProblems
{
    private BindingProblems()
    {
    }

    /**
     * @param origins  the file each key came from.
     * @param fallback the file to name when a key's origin is unknown.
     * @return one line: file, key, value and what it should be.
     */
    static String describe(final Exception ex, final Map<String, String> origins, final String fallback)
    {
        if (ex instanceof JsonMappingException mapping)
        {
            final String path = pathOf(mapping);
            final String file = ConfigLoader.originOf(path, origins, fallback);
            if (ex instanceof UnrecognizedPropertyException unknown)
            {
                final List<String> known = new ArrayList<>();
                if (unknown.getKnownPropertyIds() != null)
                {
                    unknown.getKnownPropertyIds().forEach(k -> known.add(String.valueOf(k)));
                }
                known.sort(null);
                return file + ": unknown key '" + path + "'; allowed keys here: " + known;
            }
            if (ex instanceof InvalidFormatException invalid)
            {
                return file + ": key '" + path + "' has invalid value '" + invalid.getValue() + "'; expected " +
                    describeType(invalid.getTargetType());
            }
            if (ex instanceof MismatchedInputException mismatched)
            {
                final String message = mismatched.getOriginalMessage();
                if (message.startsWith("Missing required creator property") ||
                    message.startsWith("Missing creator property"))
                {
                    return file + ": missing key '" + path + "'";
                }
                return file + ": key '" + path + "' has a value of the wrong type; expected " +
                    describeType(mismatched.getTargetType()) + " (" + message + ")";
            }
            return file + ": key '" + path + "': " + mapping.getOriginalMessage();
        }
        return fallback + ": " + ex.getMessage();
    }

    private static String describeType(final Class<?> type)
    {
        if (type == null)
        {
            return "another type";
        }
        if (type.isEnum())
        {
            final List<String> names = new ArrayList<>();
            for (final Object constant : type.getEnumConstants())
            {
                names.add(constant.toString().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
            }
            return "one of " + names;
        }
        if (type == BigDecimal.class || type == double.class)
        {
            return "a number";
        }
        if (type == int.class || type == long.class)
        {
            return "an integer";
        }
        if (type == boolean.class)
        {
            return "true or false";
        }
        return type.getSimpleName();
    }

    private static String pathOf(final JsonMappingException ex)
    {
        final StringBuilder path = new StringBuilder();
        for (final JsonMappingException.Reference ref : ex.getPath())
        {
            if (ref.getFieldName() != null)
            {
                path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
            }
            else if (ref.getIndex() >= 0)
            {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
