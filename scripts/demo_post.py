"""Post-install step of `make demo`, run as: odoo-bin shell -d DB < scripts/demo_post.py

The shell provides `env` (superuser) and rolls back at the end, so commit.
Sets Dutch and the Amsterdam time zone on every internal user and on the
company partner(s), and reports which demo logins exist.
"""

env = globals()["env"]  # provided by `odoo-bin shell`

LANG = "nl_NL"
TZ = "Europe/Amsterdam"
DEMO_LOGINS = [
    "admin",
    "coordinator",
    "teamleider",
    "behandelaar",
    "behandelaar2",
    "medewerker",
    "huurder",
]

if not env["res.lang"]._lang_get(LANG):
    env["res.lang"]._activate_lang(LANG)

users = env["res.users"].with_context(active_test=False).search([("share", "=", False)])
users.write({"lang": LANG, "tz": TZ})
companies = env["res.company"].search([])
companies.partner_id.write({"lang": LANG, "tz": TZ})
# The tenants (and the portal user "huurder") read Dutch as well.
env["res.users"].search([("share", "=", True)]).partner_id.write({"lang": LANG})
if "website" in env:
    # The public web form (/klacht) in Dutch.
    lang = env["res.lang"]._lang_get(LANG)
    for website in env["website"].search([]):
        website.write({"language_ids": [(4, lang.id)], "default_lang_id": lang.id})
env.cr.commit()

found = set(
    env["res.users"]
    .with_context(active_test=False)
    .search([("login", "in", DEMO_LOGINS)])
    .mapped("login")
)
print(
    f"demo_post: {len(users)} internal user(s), {len(companies)} company: {LANG}, {TZ}"
)
missing = [login for login in DEMO_LOGINS if login not in found]
if missing:
    print(f"demo_post: WARNING: no such demo login(s) (yet): {', '.join(missing)}")
