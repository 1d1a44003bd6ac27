/** @odoo-module **/

import { Component, onWillStart, useState } from "@odoo/owl";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { ActivityChart } from "./activity_chart";
import { activityFigures } from "./dashboard_figures";

/** An entrepreneur's home: one card per activity of hers. */
export class EntrepreneurDashboard extends Component {
    static template = "cae_dashboard.EntrepreneurDashboard";
    static components = { ActivityChart };
    static props = ["*"];

    setup() {
        this.orm = useService("orm");
        this.actionService = useService("action");
        this.state = useState({ activities: [] });
        onWillStart(async () => {
            const data = await this.orm.call("cae.dashboard", "get_entrepreneur_data", []);
            this.state.activities = data.activities;
        });
    }

    figures(row) {
        return activityFigures(row);
    }

    open(row, key) {
        return this.actionService.doAction(row.actions[key]);
    }
}

registry.category("actions").add("cae_dashboard.entrepreneur", EntrepreneurDashboard);
