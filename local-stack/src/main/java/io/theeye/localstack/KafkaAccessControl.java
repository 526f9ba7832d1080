package io.theeye.localstack;

import io.theeye.contract.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * The services' Kafka users and what each may do, as the prod overlay's KafkaUsers grant it:
 * ingest may only write the raw topic; the processor may read it in its consumer groups and write
 * the invalid and valid topics; query may read the invalid and valid topics without a consumer
 * group (it assigns partitions itself and commits nothing). Nobody else may do anything: the broker
 * denies what no ACL allows, and only the operator (a super user) may create or delete topics and
 * alter other groups.
 */
final class KafkaAccessControl {

    /** Consumer groups of the processor: its own and those of rebuilds ({@code eye-processor-rebuild}). */
    static final String PROCESSOR_GROUP_PREFIX = "eye-processor";

    private static final Duration VISIBLE_WITHIN = Duration.ofSeconds(30);

    private KafkaAccessControl() {}

    /** The ACLs of the services' users. */
    static List<AclBinding> bindings() {
        String ingest = principal(EyeService.INGEST);
        String processor = principal(EyeService.PROCESSOR);
        String query = principal(EyeService.QUERY);
        return List.of(
                allow(topic(Topics.RAW), ingest, AclOperation.WRITE),
                allow(topic(Topics.RAW), ingest, AclOperation.DESCRIBE),
                allow(topic(Topics.RAW), processor, AclOperation.READ),
                allow(topic(Topics.RAW), processor, AclOperation.DESCRIBE),
                allow(group(PROCESSOR_GROUP_PREFIX), processor, AclOperation.READ),
                allow(topic(Topics.INVALID), processor, AclOperation.WRITE),
                allow(topic(Topics.INVALID), processor, AclOperation.DESCRIBE),
                allow(topic(Topics.VALID), processor, AclOperation.WRITE),
                allow(topic(Topics.VALID), processor, AclOperation.DESCRIBE),
                allow(topic(Topics.VALID), query, AclOperation.READ),
                allow(topic(Topics.VALID), query, AclOperation.DESCRIBE),
                allow(topic(Topics.INVALID), query, AclOperation.READ),
                allow(topic(Topics.INVALID), query, AclOperation.DESCRIBE));
    }

    /** Creates or updates the services' SCRAM users and their ACLs; idempotent. */
    static void apply(Admin admin, StackCredentials credentials) {
        List<UserScramCredentialUpsertion> users = new ArrayList<>();
        for (EyeService service : EyeService.values()) {
            service.kafkaUser()
                    .ifPresent(user -> users.add(new UserScramCredentialUpsertion(
                            user,
                            new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096),
                            credentials.kafkaPassword(user))));
        }
        try {
            admin.alterUserScramCredentials(List.copyOf(users)).all().get(30, TimeUnit.SECONDS);
            admin.createAcls(bindings()).all().get(30, TimeUnit.SECONDS);
            awaitVisible(admin, users.stream().map(u -> u.user()).toList());
        } catch (Exception e) {
            throw new IllegalStateException("could not create the Kafka users and ACLs", e);
        }
    }

    /** The broker applies metadata a moment after the controller commits it: wait for it, bounded. */
    private static void awaitVisible(Admin admin, List<String> users) throws Exception {
        Instant deadline = Instant.now().plus(VISIBLE_WITHIN);
        Set<AclBinding> wanted = Set.copyOf(bindings());
        while (true) {
            boolean usersVisible;
            try {
                Map<String, ?> described =
                        admin.describeUserScramCredentials(users).all().get(10, TimeUnit.SECONDS);
                usersVisible = described.keySet().containsAll(users);
            } catch (ExecutionException notYet) {
                usersVisible = false;
            }
            boolean aclsVisible = admin.describeAcls(AclBindingFilter.ANY)
                    .values()
                    .get(10, TimeUnit.SECONDS)
                    .containsAll(wanted);
            if (usersVisible && aclsVisible) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(
                        "Kafka users or ACLs not visible after " + VISIBLE_WITHIN.toSeconds() + " s");
            }
            Thread.sleep(100);
        }
    }

    private static String principal(EyeService service) {
        return "User:" + service.kafkaUser().orElseThrow();
    }

    private static ResourcePattern topic(String name) {
        return new ResourcePattern(ResourceType.TOPIC, name, PatternType.LITERAL);
    }

    private static ResourcePattern group(String prefix) {
        return new ResourcePattern(ResourceType.GROUP, prefix, PatternType.PREFIXED);
    }

    private static AclBinding allow(ResourcePattern resource, String principal, AclOperation operation) {
        return new AclBinding(resource, new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW));
    }
}
