// The texts of notices to reporters (issue 18) live in the case core, which the
// worker (it sends the notices) shares with the API.
export { DEFAULT_TEMPLATES, renderTemplate, TEMPLATE_EVENTS, type TemplateEvent } from '@alur/cases/complaint-templates';
