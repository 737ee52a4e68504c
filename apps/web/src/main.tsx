import './ui/styles.css';

/**
 * The entry is only this: on a first visit to Home, index.html's boot script paints the balance as soon
 * as the line's figures arrive, but evaluating the app (~530 kB of JavaScript, the longest task at 4×
 * CPU) would keep the page from painting until it ends. So the app starts once that paint is done or
 * there is nothing to paint (boot.js `firstPaint`, never more than a short wait); its code is already
 * downloading meanwhile (modulepreload from the boot script). The stylesheet stays here, in the page
 * from the start, because the boot paint uses the app's classes.
 */
const boot = (globalThis as { __kabinetBoot?: { firstPaint?: Promise<void> } }).__kabinetBoot;
void (boot?.firstPaint ?? Promise.resolve()).catch(() => undefined).then(() => import('./start'));
