/** @odoo-module **/
// A handler in Chat opens the Klachten app from the apps menu: the
// complaints show, not the quick registration pop-up over Chat.
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("klachtenbeheer_app_tile", {
    steps: () => [
        {
            content: "Open the apps menu",
            trigger: ".o_navbar_apps_menu button:enabled",
            run: "click",
        },
        {
            content: "Click the Klachten app",
            trigger: ".o_app[data-menu-xmlid='klachtenbeheer.klachtenbeheer_menu_root']",
            run: "click",
        },
        {
            content: "The complaints show under the breadcrumb Klachten, no pop-up",
            trigger:
                ".o_action_manager:not(:has(.modal)) .o_breadcrumb:contains('Klachten')",
        },
        {
            content: "as a kanban of complaints",
            trigger: ".o_kanban_view .o_kanban_record:contains('Lekkage in de keuken')",
        },
    ],
});
