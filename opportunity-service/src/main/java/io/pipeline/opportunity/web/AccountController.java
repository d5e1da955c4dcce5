package io.pipeline.opportunity.web;

import io.pipeline.opportunity.account.Account;
import io.pipeline.opportunity.account.AccountDirectory;
import io.pipeline.opportunity.query.Page;
import io.pipeline.platform.problem.NotFoundException;
import io.pipeline.platform.security.PipelineUser;
import io.pipeline.platform.security.Role;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Accounts of existing customers (expansion, renewal); converted leads create theirs through Kafka. Accounts are
 * shared by every team (a customer may buy from several), so every role reads them; reps, managers and admins
 * create them. Region leaders and the CRO read but change nothing, as with leads and deals (README, "Roles"): a
 * new account is the start of a deal, which stays with the accountable owner and their manager.
 */
@RestController
@RequestMapping("/api/accounts")
public class AccountController {

    private final AccountDirectory accounts;

    public AccountController(AccountDirectory accounts) {
        this.accounts = accounts;
    }

    /** 201 when created; 200 with the account as it is when the id exists (a retry). */
    @PostMapping
    public ResponseEntity<Account> create(@Valid @RequestBody AccountRequest request, PipelineUser user) {
        requireMayCreateAccounts(user);
        String id = request.accountId() == null ? UUID.randomUUID().toString() : request.accountId();
        boolean created = accounts.ensure(id, request.name(), null);
        Account account = accounts.find(id).orElseThrow(() -> new NotFoundException("account", id));
        return ResponseEntity.status(created ? HttpStatus.CREATED : HttpStatus.OK)
                .location(URI.create("/api/accounts/" + id)).body(account);
    }

    /**
     * Not {@link PipelineUser#requireWriter}: that admits leaders, whose only write is the forecast call of their
     * region or the org.
     */
    private static void requireMayCreateAccounts(PipelineUser user) {
        if (!user.isAdmin() && !user.has(Role.REP) && !user.has(Role.MANAGER)) {
            throw new AccessDeniedException("Accounts are created by reps, managers and admins; your roles read them");
        }
    }

    @GetMapping("/{id}")
    public Account get(@PathVariable String id) {
        return accounts.find(id).orElseThrow(() -> new NotFoundException("account", id));
    }

    @GetMapping
    public Page<Account> list(@RequestParam(defaultValue = "0") @Min(0) int page,
                              @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        return new Page<>(accounts.page(page, size), page, size, accounts.count());
    }
}
