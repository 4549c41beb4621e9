package dev.relpromo.balrog.server;

import java.util.Set;

/** Who a bearer token stands for and the roles they may sign off as ({@code releng}, {@code relman}, {@code qa}, {@code admin}). */
public record User(String name, Set<String> roles) {
    public User {
        roles = Set.copyOf(roles);
    }
}
