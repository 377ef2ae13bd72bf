package dev.keywarden.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.toml.TomlFactory;
import java.io.IOException;

/**
 * TOML text to a Jackson tree through the TOML parser alone. An {@code ObjectMapper} (a {@code TomlMapper}) would
 * do the same with one call, but building the first one costs tens of milliseconds of start-up (its date formats
 * pull in the JDK's locale data), which a pre-commit hook pays on every commit.
 */
final class TomlTrees {
    private static final TomlFactory FACTORY = new TomlFactory();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private TomlTrees() {
    }

    /** The document's root table (empty for an empty document). */
    static ObjectNode read(String toml) throws IOException {
        try (JsonParser parser = FACTORY.createParser(toml)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return NODES.objectNode();
            }
            JsonNode root = node(parser);
            return root instanceof ObjectNode object ? object : NODES.objectNode();
        }
    }

    private static JsonNode node(JsonParser parser) throws IOException {
        switch (parser.currentToken()) {
            case START_OBJECT: {
                ObjectNode object = NODES.objectNode();
                while (parser.nextToken() != JsonToken.END_OBJECT) {
                    String name = parser.currentName();
                    parser.nextToken();
                    object.set(name, node(parser));
                }
                return object;
            }
            case START_ARRAY: {
                ArrayNode array = NODES.arrayNode();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    array.add(node(parser));
                }
                return array;
            }
            case VALUE_STRING:
                return NODES.textNode(parser.getText());
            case VALUE_NUMBER_INT:
                switch (parser.getNumberType()) {
                    case INT:
                        return NODES.numberNode(parser.getIntValue());
                    case LONG:
                        return NODES.numberNode(parser.getLongValue());
                    default:
                        return NODES.numberNode(parser.getBigIntegerValue());
                }
            case VALUE_NUMBER_FLOAT:
                return parser.getNumberType() == JsonParser.NumberType.BIG_DECIMAL
                        ? NODES.numberNode(parser.getDecimalValue()) : NODES.numberNode(parser.getDoubleValue());
            case VALUE_TRUE:
                return NODES.booleanNode(true);
            case VALUE_FALSE:
                return NODES.booleanNode(false);
            case VALUE_EMBEDDED_OBJECT:
                return NODES.pojoNode(parser.getEmbeddedObject());
            default:
                return NODES.nullNode();
        }
    }
}
