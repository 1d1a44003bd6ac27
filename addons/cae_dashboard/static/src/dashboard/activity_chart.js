/** @odoo-module **/

import { Component, onWillStart, useEffect, useRef } from "@odoo/owl";
import { loadBundle } from "@web/core/assets";
import { _t } from "@web/core/l10n/translation";
import { formatFloat } from "@web/core/utils/numbers";

const { DateTime } = luxon;

/**
 * Revenue (bars) and gross margin (lines) of an activity, month by month,
 * this fiscal year against the last one. Chart.js is Odoo's own bundle,
 * loaded on demand as the graph view does.
 */
export class ActivityChart extends Component {
    static template = "cae_dashboard.ActivityChart";
    static props = { chart: Object };

    setup() {
        this.canvasRef = useRef("canvas");
        onWillStart(() => loadBundle("web.chartjs_lib"));
        useEffect(
            () => {
                this.renderChart();
                return () => this.chart?.destroy();
            },
            () => [this.props.chart]
        );
    }

    renderChart() {
        const data = this.props.chart;
        const labels = data.months.map((month) => DateTime.fromISO(month).toFormat("LLL"));
        const style = getComputedStyle(document.documentElement);
        const color = (name, fallback) => style.getPropertyValue(name).trim() || fallback;
        const current = color("--primary", "#714B67");
        const previous = color("--gray-400", "#adb5bd");
        this.chart = new Chart(this.canvasRef.el, {
            type: "bar",
            data: {
                labels,
                datasets: [
                    {
                        type: "bar",
                        label: _t("Revenue %s", data.year),
                        data: data.revenue,
                        backgroundColor: current,
                        order: 2,
                    },
                    {
                        type: "bar",
                        label: _t("Revenue %s", data.last_year),
                        data: data.revenue_last,
                        backgroundColor: previous,
                        order: 3,
                    },
                    {
                        type: "line",
                        label: _t("Gross margin %s", data.year),
                        data: data.margin,
                        borderColor: "#e8a33d",
                        backgroundColor: "#e8a33d",
                        order: 0,
                    },
                    {
                        type: "line",
                        label: _t("Gross margin %s", data.last_year),
                        data: data.margin_last,
                        borderColor: "#9b7a3c",
                        backgroundColor: "#9b7a3c",
                        borderDash: [4, 4],
                        order: 1,
                    },
                ],
            },
            options: {
                animation: false,
                maintainAspectRatio: false,
                responsive: true,
                plugins: {
                    legend: { position: "bottom" },
                    tooltip: {
                        callbacks: {
                            label: (item) =>
                                `${item.dataset.label}: ${formatFloat(item.parsed.y)}`,
                        },
                    },
                },
                // the user's number format (French: 3 000), as Odoo's graph view
                scales: {
                    y: {
                        beginAtZero: true,
                        ticks: {
                            callback: (value) => formatFloat(value, { digits: [false, 0] }),
                        },
                    },
                },
            },
        });
    }
}
