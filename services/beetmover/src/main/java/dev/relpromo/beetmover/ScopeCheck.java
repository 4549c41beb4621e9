package dev.relpromo.beetmover;

import dev.relpromo.events.TaskDefined;
import dev.relpromo.events.kinds.BeetmoverScopes;
import dev.relpromo.events.params.BeetmoverParams;
import dev.relpromo.kit.failure.TaskFailureException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The beetmover's scope check (beetmoverscript {@code task.py}, reference §3.1), run on every work item before its
 * handler: exactly one {@code <prefix>action:*} and one {@code <prefix>bucket:*} scope, every scope under the
 * configured prefix, resource names of {@code [0-9A-Za-z_-]}, a bucket this service serves and the action of the
 * task's kind. A task that fails it publishes nothing.
 */
public final class ScopeCheck {
    private static final Pattern RESOURCE = Pattern.compile(BeetmoverScopes.RESOURCE_PATTERN);

    private final String prefix;
    private final Set<String> buckets;

    public ScopeCheck(String prefix, Set<String> buckets) {
        if (prefix == null || prefix.isEmpty()) {
            throw new IllegalArgumentException("beetmover scope prefix must not be empty");
        }
        this.prefix = prefix;
        this.buckets = Set.copyOf(buckets);
    }

    public static ScopeCheck defaults() {
        return new ScopeCheck(BeetmoverScopes.DEFAULT_PREFIX, Set.copyOf(BeetmoverScopes.DEFAULT_BUCKETS));
    }

    /** @throws TaskFailureException naming the task and the offending scope(s) */
    public void check(TaskDefined task) {
        List<String> scopes = task.params() instanceof BeetmoverParams p ? p.scopes() : null;
        String expected = BeetmoverScopes.actionOf(task.kind()).orElseThrow(() -> refuse(task,
                "kind '" + task.kind() + "' has no beetmover action"));
        if (scopes == null || scopes.isEmpty()) {
            throw refuse(task, "it carries no scopes (params.scopes); expected " + prefix + BeetmoverScopes.ACTION
                    + expected + " and one " + prefix + BeetmoverScopes.BUCKET + "<bucket>");
        }
        List<String> foreign = scopes.stream().filter(s -> !s.startsWith(prefix)).toList();
        if (!foreign.isEmpty()) {
            throw refuse(task, "scopes " + foreign + " are not under the prefix " + prefix);
        }
        List<String> actions = new ArrayList<>();
        List<String> bucketScopes = new ArrayList<>();
        List<String> other = new ArrayList<>();
        for (String scope : scopes) {
            String rest = scope.substring(prefix.length());
            if (rest.startsWith(BeetmoverScopes.ACTION)) {
                actions.add(scope);
            } else if (rest.startsWith(BeetmoverScopes.BUCKET)) {
                bucketScopes.add(scope);
            } else {
                other.add(scope);
            }
        }
        if (!other.isEmpty()) {
            throw refuse(task, "scopes " + other + " are neither an action nor a bucket scope");
        }
        if (actions.size() != 1) {
            throw refuse(task, "it needs exactly one " + prefix + BeetmoverScopes.ACTION + "* scope, has " + actions);
        }
        if (bucketScopes.size() != 1) {
            throw refuse(task, "it needs exactly one " + prefix + BeetmoverScopes.BUCKET + "* scope, has "
                    + bucketScopes);
        }
        String action = resource(task, actions.get(0), BeetmoverScopes.ACTION);
        String bucket = resource(task, bucketScopes.get(0), BeetmoverScopes.BUCKET);
        if (!buckets.contains(bucket)) {
            throw refuse(task, "scope " + bucketScopes.get(0) + " names bucket '" + bucket
                    + "', which this beetmover is not configured for " + buckets.stream().sorted().toList());
        }
        if (!action.equals(expected)) {
            throw refuse(task, "scope " + actions.get(0) + " does not match its kind " + task.kind()
                    + ", which needs action " + expected);
        }
    }

    private String resource(TaskDefined task, String scope, String type) {
        String name = scope.substring(prefix.length() + type.length());
        if (!RESOURCE.matcher(name).matches()) {
            throw refuse(task, "scope " + scope + " has an invalid resource name '" + name + "' (must match "
                    + BeetmoverScopes.RESOURCE_PATTERN + ")");
        }
        return name;
    }

    private static TaskFailureException refuse(TaskDefined task, String why) {
        return new TaskFailureException("beetmover refuses task " + task.taskId() + ": " + why);
    }
}
