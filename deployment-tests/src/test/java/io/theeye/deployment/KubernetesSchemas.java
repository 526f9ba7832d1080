package io.theeye.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.gson.annotations.SerializedName;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.kubernetes.client.custom.IntOrString;
import io.kubernetes.client.custom.Quantity;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * JSON Schemas of the built-in Kubernetes kinds, derived from the official Java client's model
 * classes, which are generated from the Kubernetes OpenAPI specification: every field with its
 * type, the required fields, and no other field ({@code additionalProperties: false}), as the API
 * server's strict field validation ({@code kubectl apply --validate=strict}, the default) enforces.
 */
final class KubernetesSchemas {

    private static final String MODELS = "io.kubernetes.client.openapi.models.";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /**
     * The apiVersion/kind pairs a manifest here may use, each served by current Kubernetes.
     * Removed versions (policy/v1beta1, autoscaling/v2beta2, ...) are absent on purpose.
     */
    private static final Map<String, String> KINDS = Map.ofEntries(
            Map.entry("v1/Namespace", "V1Namespace"),
            Map.entry("v1/ServiceAccount", "V1ServiceAccount"),
            Map.entry("v1/Service", "V1Service"),
            Map.entry("v1/ConfigMap", "V1ConfigMap"),
            Map.entry("v1/Secret", "V1Secret"),
            Map.entry("v1/PersistentVolumeClaim", "V1PersistentVolumeClaim"),
            Map.entry("apps/v1/Deployment", "V1Deployment"),
            Map.entry("apps/v1/StatefulSet", "V1StatefulSet"),
            Map.entry("batch/v1/Job", "V1Job"),
            Map.entry("batch/v1/CronJob", "V1CronJob"),
            Map.entry("policy/v1/PodDisruptionBudget", "V1PodDisruptionBudget"),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler", "V2HorizontalPodAutoscaler"),
            Map.entry("networking.k8s.io/v1/Ingress", "V1Ingress"),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", "V1NetworkPolicy"),
            Map.entry("rbac.authorization.k8s.io/v1/Role", "V1Role"),
            Map.entry("rbac.authorization.k8s.io/v1/RoleBinding", "V1RoleBinding"));

    private static final SchemaRegistry REGISTRY =
            SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private static final Map<String, Schema> SCHEMAS = new ConcurrentHashMap<>();

    private KubernetesSchemas() {}

    static boolean knows(String apiVersion, String kind) {
        return KINDS.containsKey(apiVersion + "/" + kind);
    }

    /** Every way {@code object} differs from its kind's schema, as "path: message" lines. */
    static List<String> problems(JsonNode object, String apiVersion, String kind) {
        Schema schema = SCHEMAS.computeIfAbsent(apiVersion + "/" + kind, key -> REGISTRY.getSchema(schemaOf(key)));
        return schema.validate(object).stream()
                .map(error -> error.getInstanceLocation() + ": " + error.getMessage())
                .toList();
    }

    /** The schema of one apiVersion/kind, with its nested types under $defs. */
    static ObjectNode schemaOf(String apiVersionAndKind) {
        String className = Optional.ofNullable(KINDS.get(apiVersionAndKind))
                .orElseThrow(() -> new IllegalArgumentException("no Kubernetes schema for " + apiVersionAndKind));
        ObjectNode defs = NODES.objectNode();
        ObjectNode root = NODES.objectNode();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.set("$ref", NODES.textNode(define(modelClass(className), defs)));
        root.set("$defs", defs);
        return root;
    }

    private static Class<?> modelClass(String simpleName) {
        try {
            return Class.forName(MODELS + simpleName);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("client-java-api has no " + simpleName, e);
        }
    }

    private static boolean isModel(Class<?> type) {
        return type.getName().startsWith(MODELS)
                && staticStringSet(type, "openapiFields").isPresent();
    }

    /** Adds the schema of a model class to defs (once) and returns a $ref to it. */
    private static String define(Class<?> model, ObjectNode defs) {
        String name = model.getSimpleName();
        String ref = "#/$defs/" + name;
        if (defs.has(name)) {
            return ref;
        }
        ObjectNode schema = defs.putObject(name);
        schema.put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        for (Field field : model.getDeclaredFields()) {
            SerializedName serializedName = field.getAnnotation(SerializedName.class);
            if (serializedName != null && !Modifier.isStatic(field.getModifiers())) {
                properties.set(serializedName.value(), typeSchema(field.getGenericType(), defs));
            }
        }
        // A field the reflection above could not type is still a known field: accept any value.
        for (String known : staticStringSet(model, "openapiFields").orElseThrow()) {
            if (!properties.has(known)) {
                properties.putObject(known);
            }
        }
        Set<String> required =
                new TreeSet<>(staticStringSet(model, "openapiRequiredFields").orElse(Set.of()));
        if (!required.isEmpty()) {
            ArrayNode list = schema.putArray("required");
            required.forEach(list::add);
        }
        schema.put("additionalProperties", false);
        return ref;
    }

    private static JsonNode typeSchema(Type type, ObjectNode defs) {
        if (type instanceof ParameterizedType parameterized) {
            Class<?> raw = (Class<?>) parameterized.getRawType();
            Type[] arguments = parameterized.getActualTypeArguments();
            if (Collection.class.isAssignableFrom(raw)) {
                ObjectNode array = NODES.objectNode().put("type", "array");
                array.set("items", typeSchema(arguments[0], defs));
                return array;
            }
            if (Map.class.isAssignableFrom(raw)) {
                ObjectNode map = NODES.objectNode().put("type", "object");
                map.set("additionalProperties", typeSchema(arguments[1], defs));
                return map;
            }
            return NODES.objectNode();
        }
        if (!(type instanceof Class<?> cls)) {
            return NODES.objectNode();
        }
        if (cls == String.class || cls == OffsetDateTime.class || cls == LocalDate.class || cls == byte[].class) {
            return NODES.objectNode().put("type", "string");
        }
        if (cls == Integer.class || cls == Long.class || cls == int.class || cls == long.class) {
            return NODES.objectNode().put("type", "integer");
        }
        if (cls == Double.class || cls == Float.class || cls == BigDecimal.class || cls == double.class) {
            return NODES.objectNode().put("type", "number");
        }
        if (cls == Boolean.class || cls == boolean.class) {
            return NODES.objectNode().put("type", "boolean");
        }
        if (cls == IntOrString.class) {
            return types("integer", "string");
        }
        if (cls == Quantity.class) {
            // "500m", "1Gi", or a bare number such as 2.
            ObjectNode quantity = types("string", "number");
            quantity.put("pattern", "^[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(([KMGTPE]i)|[numkMGTPE]|[eE][+-]?[0-9]+)?$");
            return quantity;
        }
        if (cls.isEnum()) {
            return NODES.objectNode().put("type", "string");
        }
        if (isModel(cls)) {
            return NODES.objectNode().put("$ref", define(cls, defs));
        }
        return NODES.objectNode();
    }

    private static ObjectNode types(String... names) {
        ObjectNode node = NODES.objectNode();
        ArrayNode list = node.putArray("type");
        for (String name : names) {
            list.add(name);
        }
        return node;
    }

    @SuppressWarnings("unchecked")
    private static Optional<Set<String>> staticStringSet(Class<?> model, String fieldName) {
        try {
            Field field = model.getField(fieldName);
            return Optional.ofNullable((Set<String>) field.get(null));
        } catch (NoSuchFieldException e) {
            return Optional.empty();
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
