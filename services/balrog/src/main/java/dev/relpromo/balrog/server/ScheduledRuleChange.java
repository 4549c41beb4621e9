package dev.relpromo.balrog.server;

import dev.relpromo.balrog.aus.Rule;
import java.util.Map;

/**
 * A pending change to a rule ({@code rules_scheduled_changes}): {@code change_type} insert, update or delete, the
 * rule as it will be ({@code rule}), the rule's data version it was made against, the time condition (ms epoch), the
 * signoffs so far (user → role) and what the product/channel requirements ask (role → count).
 */
public record ScheduledRuleChange(
        long scId,
        String scheduledBy,
        String changeType,
        int scDataVersion,
        Long baseRuleId,
        Integer baseDataVersion,
        Rule rule,
        long whenMs,
        boolean complete,
        Map<String, String> signoffs,
        Map<String, Integer> requiredSignoffs) {

    /** Ready when its time has come and every required role has at least as many signoffs (balrogagent). */
    public boolean isReady(long nowMs) {
        if (complete || nowMs < whenMs) {
            return false;
        }
        for (Map.Entry<String, Integer> required : requiredSignoffs.entrySet()) {
            long have = signoffs.values().stream().filter(required.getKey()::equals).count();
            if (have < required.getValue()) {
                return false;
            }
        }
        return true;
    }
}
