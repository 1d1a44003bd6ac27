/** @odoo-module **/

import { Component, onWillStart, useState } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { money } from "./dashboard_figures";

/** Every activity in one table, sorted by a click on a column header. */
export class BackofficeDashboard extends Component {
    static template = "cae_dashboard.BackofficeDashboard";
    static props = ["*"];

    setup() {
        this.orm = useService("orm");
        this.actionService = useService("action");
        this.state = useState({ rows: [], sortKey: "code", ascending: true });
        onWillStart(async () => {
            const data = await this.orm.call("cae.dashboard", "get_backoffice_data", []);
            this.state.rows = data.activities;
        });
    }

    get columns() {
        return [
            { key: "code", label: _t("Activity"), action: "activity", text: true },
            { key: "members", label: _t("Entrepreneurs"), action: "members", text: true },
            { key: "revenue_ytd", label: _t("Revenue this year"), action: "revenue" },
            { key: "margin_ytd", label: _t("Gross margin this year"), action: "revenue" },
            { key: "treasury", label: _t("Available treasury"), action: "treasury" },
            { key: "customers", label: _t("Customers to collect"), action: "customers" },
            { key: "overdue", label: _t("Overdue"), action: "overdue" },
            { key: "contribution_ytd", label: _t("Contribution this year"), action: "contribution" },
            {
                key: "quotes_to_validate",
                label: _t("Quotations to validate"),
                action: "quotes_to_validate",
                count: true,
            },
            {
                key: "invoices_to_validate",
                label: _t("Invoices to validate"),
                action: "invoices_to_validate",
                count: true,
            },
            { key: "alert_count", label: _t("Alerts"), action: "members", count: true },
        ];
    }

    get rows() {
        const { sortKey, ascending } = this.state;
        const sign = ascending ? 1 : -1;
        return [...this.state.rows].sort((a, b) => {
            const x = a[sortKey];
            const y = b[sortKey];
            if (typeof x === "string" || typeof y === "string") {
                return sign * String(x || "").localeCompare(String(y || ""));
            }
            return sign * ((x || 0) - (y || 0));
        });
    }

    sortBy(key) {
        if (this.state.sortKey === key) {
            this.state.ascending = !this.state.ascending;
        } else {
            this.state.sortKey = key;
            this.state.ascending = true;
        }
    }

    cell(row, column) {
        if (column.text || column.count) {
            return String(row[column.key] ?? "");
        }
        return money(row, row[column.key]);
    }

    isWarning(row, column) {
        const value = row[column.key];
        return (
            (column.key === "treasury" && value < 0) ||
            (["overdue", "alert_count"].includes(column.key) && value > 0)
        );
    }

    open(row, column) {
        return this.actionService.doAction(row.actions[column.action]);
    }
}

registry.category("actions").add("cae_dashboard.backoffice", BackofficeDashboard);
