// The head under a design and the client's scars and marks on it: a hair-loss preset,
// view, sex, skin or hair colour on the template (a new preset starts from its design and
// keeps the scars), the skin and hair colour on the long-haired head, the way back from that
// head to the template, and adding, moving and removing marks. Part of the app core: no
// DOM; each is one undo step (the way back starts a new history, as every change of the
// picture under the design does), and a refused value is said and changes nothing.

import { isEngineCrash } from './autosave.js';
import { inPageWords } from './format.js';
import { HANDLE_APART_CSS_PX, handlePoints, placeNewMark } from './mark-shapes.js';
import { flatten } from './editor.js';

/** Head and mark actions over the core's internals (see core.js). */
export function createHeadActions(core) {
  const { engine, designer, limits, state, apply, commit, showMessage, setField, preview: previewField } = core;
  // The design last left on each view ('front', 'top'), to come back to: turning to the view
  // from above and back started the front's preset design again, its line, scars and top-up
  // gone, while the page had said the scars "stay with the front view". Taken back only for
  // the same preset, sex and seed, and forgotten whenever a design comes from elsewhere (a
  // file, a link, a consultation, the page API, a photo, a kiosk's wipe: `forgetViews`), so
  // one visitor's design never comes back to the next.
  const leftOnView = new Map();
  const sameClient = (a, b) => a && b && (a.head?.preset ?? 'bald') === (b.head?.preset ?? 'bald')
    && (a.head?.sex ?? 'male') === (b.head?.sex ?? 'male') && a.seed === b.seed;
  return {
    /** Forgets the designs left on each view (a design came from elsewhere). */
    forgetViews() { leftOnView.clear(); },
    /**
     * Changes the template head: `{ preset, view, sex, skin, hair }` (any of them). A new
     * preset, view ("front" or "top") or sex starts from that preset's design (the engine's: line, style, density, sessions);
     * a new skin or hair colour keeps the design. One undo step; a bad value is said and
     * changes nothing. On a client's photo, nothing (the photo shows their own head); on the
     * long-haired head, only the skin and hair colour (kept in the design; its picture stays).
     */
    setHead(change) {
      const design = designer.design();
      // On the long-haired head the skin and hair colour are the client's, kept in the
      // design for the plan, the advice and a reload (its picture stays as drawn: they
      // were lost, and the advice went back to Fitzpatrick II).
      const onlyLooks = Object.keys(change).every((key) => key === 'skin' || key === 'hair');
      if (state.photo?.ludwig && onlyLooks) {
        try {
          apply({ ...design, head: { ...(design.head ?? {}), ...change } });
          commit();
          return true;
        } catch (error) {
          if (isEngineCrash(error)) throw error;
          showMessage(`${inPageWords(error.message)} Your current design is kept.`);
          return false;
        }
      }
      if (state.photo?.loaded) return false;
      const head = { preset: 'bald', view: 'front', sex: 'male', skin: 2, hair: 'dark-brown', ...(design.head ?? {}), ...change };
      if (change.preset && /^ludwig-/.test(change.preset) && !change.sex) head.sex = 'female';
      try {
        const restart = (change.preset && change.preset !== (design.head?.preset ?? 'bald'))
          || (change.sex && change.sex !== (design.head?.sex ?? 'male'))
          || (change.view && change.view !== (design.head?.view ?? 'front'));
        const fresh = restart ? { ...engine.presetDesign(head), seed: design.seed } : { ...design, head };
        // Scars are the client's, not the preset's: another preset or sex keeps them (they
        // went with no word). From another view they would sit elsewhere on the head, so a
        // change of view leaves them with the design of that view, and says so.
        const marks = design.marks ?? [];
        const turned = change.view && change.view !== (design.head?.view ?? 'front');
        if (restart && marks.length && !turned) fresh.marks = marks;
        const back = turned ? leftOnView.get(head.view) : null;
        const next = back && sameClient(back, fresh)
          ? { ...back, head: { ...back.head, skin: head.skin, hair: head.hair } }
          : fresh;
        apply(next);
        if (turned) leftOnView.set(design.head?.view ?? 'front', design);
        state.cleared = false;
        commit();
        if (restart && marks.length && turned) {
          showMessage(`The ${marks.length === 1 ? 'scar or mark stays' : `${marks.length} scars and marks stay`} with the ${design.head?.view === 'top' ? 'view from above' : 'front view'}: ${marks.length === 1 ? 'it comes' : 'they come'} back when you turn back to it.`, { info: true });
        }
        return true;
      } catch (error) {
        if (isEngineCrash(error)) throw error;
        showMessage(`${inPageWords(error.message)} Your current design is kept.`);
        return false;
      }
    },
    /**
     * From the long-haired head back to the template head: its Ludwig grade (or `change`:
     * `{ preset, sex, view }`) with short hair, from that preset's design as `setHead`
     * starts one, keeping what is the client's: skin, hair colour, scars (not across a
     * change of view, as `setHead`), the sessions and the top-up. The undo history starts
     * over, as with every change of the picture under the design. (It went
     * to the default design first: everything the client had chosen was lost, and Undo led
     * to the bald man's head.)
     */
    fromLongHair(change = {}) {
      const design = designer.design();
      const head = {
        preset: `ludwig-${state.photo?.ludwig ?? 2}`, view: 'front', sex: 'female',
        skin: design.head?.skin ?? 2, hair: design.head?.hair ?? 'dark-brown', ...change,
      };
      if (change.preset && !change.sex) head.sex = /^ludwig-/.test(change.preset) ? 'female' : 'male';
      const marks = design.marks ?? [];
      const turned = head.view !== 'front';
      try {
        const next = { ...engine.presetDesign(head), seed: design.seed };
        if (design.sessions != null) next.sessions = design.sessions;
        if (design.top_up_years != null) next.top_up_years = design.top_up_years;
        if (marks.length && !turned) next.marks = marks;
        core.photo.actions.template(next, { strict: true }); // refused: nothing changes, and it is said
      } catch (error) {
        if (isEngineCrash(error)) throw error;
        showMessage(`${inPageWords(error.message)} Your current design is kept.`);
        return false;
      }
      if (marks.length && turned) showMessage(`The ${marks.length === 1 ? 'scar or mark stays' : `${marks.length} scars and marks stay`} with the front view.`, { info: true });
      return true;
    },
    /**
     * Adds a scar or mark (`kind` "strip", "fue" or "patch") where the engine's defaults put
     * a new one, or the nearest spot on the scalp where its handles clear the others
     * (`placeNewMark`); one undo step. Returns its index, or -1 (refused, said in the message line).
     */
    addMark(kind) {
      const fresh = limits.marks?.defaults?.[kind];
      const marks = [...(designer.design().marks ?? [])];
      if (!fresh) return -1;
      if (marks.length >= limits.marks.max) {
        showMessage(`A design holds at most ${limits.marks.max} scars and marks.`);
        return -1;
      }
      // Where its handles clear the line's and the other marks' by a finger's width (the
      // handles' 44 CSS px touch targets, and a little) at the view's scale.
      const cssPxPerMm = state.view.pxPerMm / (state.view.ratio || 1);
      marks.push(placeNewMark({ ...fresh }, {
        avoid: state.handles ?? [],
        alsoAvoid: marks.flatMap(handlePoints),
        scalp: designer.design().scalp ?? [],
        gapMm: Math.max(3, HANDLE_APART_CSS_PX / cssPxPerMm),
        frame: limits.template.frame_mm,
        onTreatedSide: (points) => designer.treated_side(flatten(points)),
        fits: (mark) => designer.mark_on_treated_scalp(mark),
      }));
      const before = designer.design().marks?.length ?? 0;
      setField('marks', marks);
      return (designer.design().marks?.length ?? 0) > before ? marks.length - 1 : -1;
    },
    /**
     * Changes mark `index` to `mark` (a whole mark object): `preview` while a handle is
     * dragged (the next frame shows it), else one undo step.
     */
    updateMark(index, mark, { preview = false } = {}) {
      const marks = [...(designer.design().marks ?? [])];
      if (!marks[index]) return;
      marks[index] = mark;
      if (preview) previewField('marks', marks);
      else setField('marks', marks);
    },
    /** Removes mark `index`; one undo step. */
    removeMark(index) {
      const marks = (designer.design().marks ?? []).filter((_, i) => i !== index);
      setField('marks', marks);
    },
  };
}
