# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import http
from odoo.exceptions import AccessError, MissingError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager


class KlachtenbeheerCustomerPortal(CustomerPortal):
    """The complainant's own complaints at ``/my/klachten``.

    Read only: the complainant follows the status and the terms and reacts
    through the chatter (messages and files); everything else stays internal.
    """

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "complaint_count" in counters:
            Complaint = request.env["klachtenbeheer.complaint"]
            values["complaint_count"] = (
                Complaint.search_count(self._complaint_get_domain())
                if Complaint.has_access("read")
                else 0
            )
        return values

    def _complaint_get_domain(self):
        """The complaints of the user as complainant (also for employees,
        whose record rules would show them the complaints they handle)."""
        partner = request.env.user.commercial_partner_id
        return [("partner_id", "child_of", partner.ids)]

    def _complaint_get_searchbar_sortings(self):
        return {
            "date": {
                "label": request.env._("Newest"),
                "order": "date_received desc, id desc",
            },
            "name": {"label": request.env._("Number"), "order": "name desc"},
            "stage": {"label": request.env._("Status"), "order": "stage_id, id desc"},
        }

    @http.route(
        ["/my/klachten", "/my/klachten/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_complaints(self, page=1, sortby=None, **kw):
        Complaint = request.env["klachtenbeheer.complaint"]
        if not Complaint.has_access("read"):
            return request.redirect("/my")
        values = self._prepare_portal_layout_values()
        searchbar_sortings = self._complaint_get_searchbar_sortings()
        if sortby not in searchbar_sortings:
            sortby = "date"
        domain = self._complaint_get_domain()
        complaint_count = Complaint.search_count(domain)
        pager = portal_pager(
            url="/my/klachten",
            url_args={"sortby": sortby},
            total=complaint_count,
            page=page,
            step=self._items_per_page,
        )
        complaints = Complaint.search(
            domain,
            order=searchbar_sortings[sortby]["order"],
            limit=self._items_per_page,
            offset=pager["offset"],
        )
        request.session["my_complaints_history"] = complaints.ids[:100]
        values.update(
            {
                # sudo: the records are the user's own (record rules above);
                # stages are shown without giving portal users their model.
                "complaints": complaints.sudo(),
                "page_name": "complaint",
                "default_url": "/my/klachten",
                "pager": pager,
                "searchbar_sortings": searchbar_sortings,
                "sortby": sortby,
            }
        )
        return request.render("klachtenbeheer.portal_my_complaints", values)

    @http.route(
        ["/my/klachten/<int:complaint_id>"],
        type="http",
        auth="public",
        website=True,
    )
    def portal_my_complaint(self, complaint_id, access_token=None, **kw):
        try:
            complaint_sudo = self._document_check_access(
                "klachtenbeheer.complaint", complaint_id, access_token=access_token
            )
        except (AccessError, MissingError):
            return request.redirect("/my")
        # The portal chatter posts with the record's token: the complainant
        # only reads the complaint, yet may react to it.
        complaint_sudo._portal_ensure_token()
        values = self._complaint_get_page_view_values(
            complaint_sudo, access_token, **kw
        )
        return request.render("klachtenbeheer.portal_complaint_page", values)

    def _complaint_get_page_view_values(self, complaint, access_token, **kwargs):
        values = {
            "page_name": "complaint",
            "complaint": complaint,
            "user": request.env.user,
            # The browser's title, in the complainant's language: not the
            # template's technical name (the website's default) nor "Odoo".
            "title": request.env._(
                "Complaint %(number)s | %(company)s",
                number=complaint.name,
                company=complaint.company_id.name,
            ),
        }
        return self._get_page_view_values(
            complaint, access_token, values, "my_complaints_history", False, **kwargs
        )
