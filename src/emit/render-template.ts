import { readFileSync } from 'node:fs';
import Handlebars from 'handlebars';

type Template = (view: object) => string;
const cache = new Map<string, Template>();

/**
 * Renders one of the templates shipped beside the emitters (src/templates in
 * the repository, dist/templates in the package). Templates only lay out
 * text: every identifier, import and comment arrives computed.
 *
 * `noEscape` because HTML escaping would corrupt code; `strict` so a missing
 * view field is an error here rather than an empty hole in the output.
 */
export function renderTemplate(name: 'schema' | 'server' | 'client', view: object): string {
  let template = cache.get(name);
  if (!template) {
    const source = readFileSync(new URL(`../templates/${name}.hbs`, import.meta.url), 'utf8');
    template = Handlebars.compile(source, { noEscape: true, strict: true });
    cache.set(name, template);
  }
  return template(view);
}
