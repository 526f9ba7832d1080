package io.theeye.localstack;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;

/**
 * Kafka client settings for the stack's SASL listener: SCRAM-SHA-512 for the services' users,
 * PLAIN for the broker's operator (whose password the broker holds in its own JAAS configuration,
 * so it works before any SCRAM credential exists).
 */
public final class KafkaClientConfig {

    /** The protocol of the stack's client listener. */
    public static final String SECURITY_PROTOCOL = "SASL_PLAINTEXT";

    /** The mechanism the services' users authenticate with. */
    public static final String SCRAM_MECHANISM = "SCRAM-SHA-512";

    private KafkaClientConfig() {}

    /** A client that authenticates as a SCRAM user (a service, or a test acting as one). */
    public static Map<String, Object> scram(String bootstrapServers, String user, String password) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, SECURITY_PROTOCOL);
        config.put(SaslConfigs.SASL_MECHANISM, SCRAM_MECHANISM);
        config.put(SaslConfigs.SASL_JAAS_CONFIG, scramJaas(user, password));
        return config;
    }

    /** A client that authenticates as the broker's operator, a super user. */
    public static Map<String, Object> operator(String bootstrapServers, String password) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, SECURITY_PROTOCOL);
        config.put(SaslConfigs.SASL_MECHANISM, "PLAIN");
        config.put(SaslConfigs.SASL_JAAS_CONFIG, plainJaas(StackCredentials.KAFKA_OPERATOR, password));
        return config;
    }

    /**
     * For tools run beside a local stack (the benchmark's): the operator's settings when
     * {@code EYE_KAFKA_OPERATOR_PASSWORD} is set, as the stack's {@code stack.env} has it.
     */
    public static Map<String, Object> operatorFromEnvironment(String bootstrapServers) {
        String password = System.getenv("EYE_KAFKA_OPERATOR_PASSWORD");
        if (password == null || password.isBlank()) {
            throw new IllegalStateException(
                    "EYE_KAFKA_OPERATOR_PASSWORD is not set: the stack's Kafka accepts only authenticated clients");
        }
        return operator(bootstrapServers, password);
    }

    static String scramJaas(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user + "\" password=\""
                + password + "\";";
    }

    static String plainJaas(String user, String password) {
        return "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + user + "\" password=\""
                + password + "\";";
    }
}
