/** @odoo-module **/
// Copyright 2026 klachtenbeheer contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import {registry} from "@web/core/registry";

// The complainant reacts to their complaint in the portal chatter.
registry.category("web_tour.tours").add("klachtenbeheer_portal_reply", {
    steps: () => [
        {
            content: "The complaint page",
            trigger: ".o_klachtenbeheer_portal_complaint .o_klachtenbeheer_portal_subject",
        },
        {
            content: "Write a reaction",
            trigger: "#chatterRoot:shadow .o-mail-Composer-input",
            // The chatter's bundle may still be built on a first visit.
            timeout: 30000,
            run: "edit Er is nog steeds niemand geweest.",
        },
        {
            content: "Send it",
            trigger: "#chatterRoot:shadow .o-mail-Composer-send:enabled",
            run: "click",
        },
        {
            content: "The reaction is in the thread",
            trigger:
                "#chatterRoot:shadow .o-mail-Message-textContent:contains(Er is nog steeds niemand geweest.)",
        },
    ],
});
