# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import logging
import os

from markupsafe import Markup

from odoo import http
from odoo.http import request
from odoo.tools import consteq, email_normalize, plaintext2html

from odoo.addons.klachtenbeheer.models.klachtenbeheer_complaint import (
    HANDLING_PREFERENCES,
)

_logger = logging.getLogger(__name__)

# Text fields of the form, kept when the form comes back with errors.
TEXT_FIELDS = (
    "contact_name",
    "email_from",
    "phone",
    "street",
    "zip",
    "city",
    "subject",
    "description",
    "desired_outcome",
    "handling_preference",
    "category_id",
)
# Bots fill every field they find; people never see this one.
HONEYPOT_FIELD = "website_url"
SUBJECT_LENGTH = 80


class KlachtenbeheerWebForm(http.Controller):
    """The public complaint form (e-formulier) at ``/klacht``."""

    def _get_company(self):
        return request.website.company_id

    def _get_categories(self):
        return (
            request.env["klachtenbeheer.category"]
            .sudo()
            .search([("website_published", "=", True)])
        )

    def _get_handling_preferences(self):
        field = request.env["klachtenbeheer.complaint"]._fields["handling_preference"]
        labels = dict(field._description_selection(request.env))
        return [(key, labels.get(key, key)) for key, _label in HANDLING_PREFERENCES]

    def _render_form(self, values=None, errors=None):
        company = self._get_company()
        return request.render(
            "klachtenbeheer_website.complaint_form",
            {
                "values": values or {},
                "errors": errors or [],
                "error_fields": {field for field, _msg in errors or []},
                "categories": self._get_categories(),
                "handling_preferences": self._get_handling_preferences(),
                "allow_anonymous": company.klachtenbeheer_allow_anonymous,
                "company": company,
                "extensions": sorted(company._klachtenbeheer_web_extensions()),
                "max_upload_mb": company.klachtenbeheer_web_max_upload_mb,
            },
        )

    @http.route("/klacht", type="http", auth="public", website=True, sitemap=True)
    def complaint_form(self, **kwargs):
        return self._render_form({"handling_preference": "informal"})

    @http.route(
        "/klacht/indienen",
        type="http",
        auth="public",
        website=True,
        methods=["POST"],
        csrf=True,
        sitemap=False,
    )
    def complaint_submit(self, **post):
        values = {field: (post.get(field) or "").strip() for field in TEXT_FIELDS}
        values["is_anonymous"] = bool(post.get("is_anonymous"))
        values["privacy"] = bool(post.get("privacy"))
        if post.get(HONEYPOT_FIELD):
            # Pretend success: the bot learns nothing, nothing is created.
            _logger.info(
                "Complaint web form: honeypot filled from %s, nothing created",
                request.httprequest.remote_addr,
            )
            return request.render("klachtenbeheer_website.complaint_thanks", {})
        files = [
            file
            for file in request.httprequest.files.getlist("attachments")
            if file and file.filename
        ]
        errors = self._validate(values, files)
        if errors:
            return self._render_form(values, errors)
        complaint = self._create_complaint(values, files)
        return request.redirect(
            f"/klacht/bedankt?token={complaint.access_token}", local=True
        )

    def _validate(self, values, files):
        """Return ``[(field, message)]``: every problem of the submission."""
        env = request.env
        company = self._get_company()
        errors = []
        anonymous = values["is_anonymous"] and company.klachtenbeheer_allow_anonymous
        values["is_anonymous"] = anonymous
        if not anonymous and not values["contact_name"]:
            errors.append(("contact_name", env._("Please fill in your name.")))
        email = values["email_from"]
        if email and not email_normalize(email):
            errors.append(
                (
                    "email_from",
                    env._("The e-mail address %(email)s is not valid.", email=email),
                )
            )
        elif not email and not anonymous:
            errors.append(
                (
                    "email_from",
                    env._(
                        "Please fill in your e-mail address: we send the "
                        "confirmation and our answer to it."
                    ),
                )
            )
        if not values["description"]:
            errors.append(("description", env._("Please describe your complaint.")))
        if values["category_id"] and (
            not values["category_id"].isdigit()
            or int(values["category_id"]) not in self._get_categories().ids
        ):
            errors.append(
                ("category_id", env._("Please choose a category from the list."))
            )
        if values["handling_preference"] not in dict(HANDLING_PREFERENCES):
            values["handling_preference"] = "informal"
        if not values["privacy"]:
            errors.append(
                (
                    "privacy",
                    env._(
                        "Please accept the privacy statement: we need your "
                        "consent to handle your complaint."
                    ),
                )
            )
        errors += self._validate_files(files)
        if not errors:
            errors += self._check_rate_limit(email_normalize(email) or False)
        return errors

    def _validate_files(self, files):
        env = request.env
        company = self._get_company()
        extensions = company._klachtenbeheer_web_extensions()
        errors = []
        total = 0
        for file in files:
            extension = os.path.splitext(file.filename)[1].lower().lstrip(".")
            if extension not in extensions:
                errors.append(
                    (
                        "attachments",
                        env._(
                            "The file %(file)s is not accepted: only these file "
                            "types are allowed: %(types)s.",
                            file=file.filename,
                            types=", ".join(sorted(extensions)),
                        ),
                    )
                )
            file.seek(0, os.SEEK_END)
            total += file.tell()
            file.seek(0)
        limit_mb = company.klachtenbeheer_web_max_upload_mb or 10
        if total > limit_mb * 1024 * 1024:
            errors.append(
                (
                    "attachments",
                    env._(
                        "The files are too large together (%(size)s MB): at most "
                        "%(limit)s MB is allowed. Refused: %(files)s.",
                        size=round(total / 1024 / 1024, 1),
                        limit=limit_mb,
                        files=", ".join(file.filename for file in files),
                    ),
                )
            )
        return errors

    def _check_rate_limit(self, email_normalized):
        company = self._get_company()
        limit = company.klachtenbeheer_web_rate_limit
        if limit <= 0:
            return []
        by_ip, by_email = (
            request.env["klachtenbeheer.web.submission"]
            .sudo()
            ._count_recent(request.httprequest.remote_addr, email_normalized)
        )
        if by_ip < limit and by_email < limit:
            return []
        _logger.info(
            "Complaint web form: rate limit reached for %s / %s",
            request.httprequest.remote_addr,
            email_normalized,
        )
        return [
            (
                "rate_limit",
                request.env._(
                    "We received many complaints from you in a short time. "
                    "Please try again in an hour, or call us."
                ),
            )
        ]

    def _prepare_complaint_vals(self, values):
        company = self._get_company()
        category = (
            request.env["klachtenbeheer.category"]
            .sudo()
            .browse(int(values["category_id"]))
            if values["category_id"]
            else request.env["klachtenbeheer.category"]
        )
        team = category.web_team_id or company._klachtenbeheer_web_default_team()
        subject = values["subject"] or values["description"].splitlines()[0]
        if len(subject) > SUBJECT_LENGTH:
            subject = subject[: SUBJECT_LENGTH - 1].rstrip() + "…"
        vals = {
            "subject": subject,
            "description": plaintext2html(values["description"]),
            "desired_outcome": values["desired_outcome"] or False,
            "handling_preference": values["handling_preference"],
            "channel": "web_form",
            "company_id": company.id,
            "category_id": category.id,
            "team_id": team.id,
            "is_anonymous": values["is_anonymous"],
            "email_from": values["email_from"] or False,
            "phone": values["phone"] or False,
        }
        if not values["is_anonymous"]:
            vals.update(
                {
                    "contact_name": values["contact_name"],
                    "street": values["street"] or False,
                    "zip": values["zip"] or False,
                    "city": values["city"] or False,
                }
            )
        return vals

    def _create_complaint(self, values, files):
        # sudo: the public registers a complaint through this form only.
        Complaint = (
            request.env["klachtenbeheer.complaint"]
            .sudo()
            .with_context(mail_create_nosubscribe=True)
        )
        complaint = Complaint.create(self._prepare_complaint_vals(values))
        if files:
            attachments = (
                request.env["ir.attachment"]
                .sudo()
                .create(
                    [
                        {
                            "name": file.filename,
                            "datas": base64.b64encode(file.read()),
                            "res_model": complaint._name,
                            "res_id": complaint.id,
                        }
                        for file in files
                    ]
                )
            )
            complaint.message_post(
                body=Markup("<p>%s</p>")
                % request.env._("Files sent with the web form."),
                attachment_ids=attachments.ids,
                subtype_xmlid="mail.mt_note",
            )
        complaint._portal_ensure_token()
        request.env["klachtenbeheer.web.submission"].sudo().create(
            {
                "ip_address": request.httprequest.remote_addr or "-",
                "email_normalized": email_normalize(values["email_from"]) or False,
            }
        )
        return complaint

    @http.route(
        "/klacht/bedankt", type="http", auth="public", website=True, sitemap=False
    )
    def complaint_thanks(self, token=None, **kwargs):
        complaint = request.env["klachtenbeheer.complaint"]
        if token:
            found = complaint.sudo().search([("access_token", "=", token)], limit=1)
            if found and consteq(found.access_token, token):
                complaint = found
        return request.render(
            "klachtenbeheer_website.complaint_thanks", {"complaint": complaint}
        )
