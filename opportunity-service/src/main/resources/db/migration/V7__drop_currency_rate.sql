-- Currency rates have one owner, forecast-service (its currency_rate, PUT /api/forecast/currency-rates), the only
-- reader that converts amounts. This copy, written by PUT /api/currency-rates, was read by nothing but its own
-- endpoint (the CRM import converts with the export's DatedConversionRate part, not with this table).
drop table if exists currency_rate;
