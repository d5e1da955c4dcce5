package io.pipeline.opportunity.money;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Effective-dated conversion rates to the one reporting currency, kept as exact decimals. */
@Repository
public class CurrencyRates {

    private final JdbcClient jdbc;

    public CurrencyRates(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Sets the rate from a date on; setting the same rate again changes nothing (an idempotent PUT). */
    public void put(CurrencyRate rate) {
        jdbc.sql("insert into currency_rate (currency, effective_from, rate) values (?, ?, ?)"
                        + " on conflict (currency, effective_from) do update set rate = excluded.rate, updated_at = now()"
                        + " where currency_rate.rate <> excluded.rate")
                .params(rate.currency(), rate.effectiveFrom(), rate.rate()).update();
    }

    public List<CurrencyRate> all(String currency) {
        return jdbc.sql("select currency, effective_from, rate from currency_rate"
                        + " where (cast(? as text) is null or currency = ?) order by currency, effective_from")
                .params(currency, currency).query(CurrencyRate.class).list();
    }

    /** The rate in effect on {@code date}: the latest one effective on or before it. */
    public Optional<CurrencyRate> on(String currency, LocalDate date) {
        return jdbc.sql("select currency, effective_from, rate from currency_rate where currency = ?"
                        + " and effective_from <= ? order by effective_from desc limit 1")
                .params(currency, date).query(CurrencyRate.class).optional();
    }

    public Optional<CurrencyRate> exactly(String currency, LocalDate effectiveFrom) {
        return jdbc.sql("select currency, effective_from, rate from currency_rate where currency = ? and effective_from = ?")
                .params(currency, effectiveFrom).query(CurrencyRate.class).optional();
    }

    /** The reporting currency converts to itself at 1, on every date. */
    public static CurrencyRate identity(String reportingCurrency, LocalDate date) {
        return new CurrencyRate(reportingCurrency, date, BigDecimal.ONE);
    }
}
