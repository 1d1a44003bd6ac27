/** @odoo-module **/

import { _t } from "@web/core/l10n/translation";
import { formatMonetary } from "@web/views/fields/formatters";

/** The amount of a row in its company's currency. */
export function money(row, value) {
    return formatMonetary(value, { currencyId: row.currency_id });
}

/**
 * The figures of an activity's card: label, formatted value, the action key
 * of its drill-down (``row.actions``), and whether it calls for attention.
 */
export function activityFigures(row) {
    return [
        {
            key: "revenue",
            label: _t("Revenue this year"),
            value: money(row, row.revenue_ytd),
            hint: _t("Same period last year: %s", money(row, row.revenue_last_ytd)),
        },
        {
            key: "revenue",
            name: "margin",
            label: _t("Gross margin this year"),
            value: money(row, row.margin_ytd),
            hint: _t("Same period last year: %s", money(row, row.margin_last_ytd)),
        },
        {
            key: "treasury",
            label: _t("Available treasury"),
            value: money(row, row.treasury),
            warn: row.treasury < 0,
        },
        {
            key: "customers",
            label: _t("Customers to collect"),
            value: money(row, row.customers),
        },
        {
            key: "overdue",
            label: _t("of which overdue"),
            value: money(row, row.overdue),
            warn: row.overdue > 0,
        },
        {
            key: "quotes_to_validate",
            label: _t("Quotations awaiting validation"),
            value: String(row.quotes_to_validate),
        },
        {
            key: "quotes_refused",
            label: _t("Refused quotations"),
            value: String(row.quotes_refused),
            warn: row.quotes_refused > 0,
        },
        {
            key: "invoices_to_validate",
            label: _t("Invoices awaiting validation"),
            value: String(row.invoices_to_validate),
        },
        {
            key: "invoices_refused",
            label: _t("Refused invoices"),
            value: String(row.invoices_refused),
            warn: row.invoices_refused > 0,
        },
        {
            key: "contribution",
            label: _t("Contribution this year"),
            value: money(row, row.contribution_ytd),
        },
        {
            key: "contribution_projected",
            label: _t("Projected contribution for the year"),
            value: money(row, row.contribution_projected),
            hint: _t("On a projected annual margin of %s", money(row, row.projected_base)),
        },
        {
            key: "salary",
            label: _t("Gross salary the activity can pay"),
            value: money(row, row.salary_payable),
            hint: _t("Margin left for pay, within the available treasury, at employer cost"),
        },
    ];
}
