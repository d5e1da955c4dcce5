package io.pipeline.opportunity.account;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The accounts deals belong to. Not event-sourced: an account is reference data that no figure derives from. Ids
 * known to exist are remembered, so opening the thousandth deal on an account costs no round trip.
 */
@Repository
public class AccountDirectory {

    private static final int REMEMBERED_IDS = 100_000;

    private final JdbcClient jdbc;
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    public AccountDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Creates the account unless it exists; an existing account keeps its name. Returns whether it was created. */
    public boolean ensure(String accountId, String name, String fromLeadId) {
        if (known.contains(accountId)) {
            return false;
        }
        int created = jdbc.sql("insert into account (account_id, name, from_lead_id) values (?, ?, ?)"
                + " on conflict do nothing").params(accountId, name, fromLeadId).update();
        if (known.size() < REMEMBERED_IDS) {
            known.add(accountId);
        }
        return created == 1;
    }

    public Optional<Account> find(String accountId) {
        return jdbc.sql("select * from account where account_id = ?").param(accountId)
                .query(Account.class).optional();
    }

    public List<Account> page(int page, int size) {
        return jdbc.sql("select * from account order by account_id limit ? offset ?")
                .params(size, (long) page * size).query(Account.class).list();
    }

    public long count() {
        return jdbc.sql("select count(*) from account").query(Long.class).single();
    }
}
