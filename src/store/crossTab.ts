import { withActionIds, type Plan } from '../core/index';
import { said } from './said';
import { activatePlan } from './activePlan';
import type { StoreContext } from './context';
import { checkedPlan } from './planRecord';

/*
 * Several tabs on one data set: each announces every plan version it saves on a BroadcastChannel named
 * after the data set's fingerprint, and a tab told of a newer version of the plan it shows reloads it
 * when it has nothing unsaved, or asks the planner when it has. Saves themselves never overwrite a
 * newer stored version (see writePlan): that alone prevents silent loss where there is no channel.
 */

/** What a tab says after each save. */
export interface PlanAnnouncement { type: 'plan-saved'; planId: string; updatedAt: string; tab: string; rev: number }

/** The part of BroadcastChannel the store uses. */
export interface ChannelLike {
  postMessage(message: unknown): void;
  close(): void;
  onmessage: ((event: { data: unknown }) => void) | null;
}

/** Opens a channel by name; null where there is none (old browsers, Node). */
export type ChannelFactory = (name: string) => ChannelLike | null;

export const browserChannels: ChannelFactory = (name) =>
  typeof BroadcastChannel === 'function' ? (new BroadcastChannel(name) as unknown as ChannelLike) : null;

/** Channels between stores of one process (tests): like BroadcastChannel, a message reaches every other channel of its name. */
export function memoryChannels(): ChannelFactory {
  const open = new Map<string, Set<ChannelLike>>();
  return (name) => {
    const peers = open.get(name) ?? new Set<ChannelLike>();
    open.set(name, peers);
    const channel: ChannelLike = {
      onmessage: null,
      postMessage(message) {
        for (const other of [...peers]) if (other !== channel) other.onmessage?.({ data: structuredClone(message) });
      },
      close() { peers.delete(channel); },
    };
    peers.add(channel);
    return channel;
  };
}

export const channelName = (fingerprint: string) => `school-zoning-planner:plans:${fingerprint}`;

/** Listens on the channel of the data set just opened (and leaves the previous one). */
export function joinChannel(ctx: StoreContext, fingerprint: string): void {
  ctx.channel?.close();
  ctx.channel = null;
  let channel: ChannelLike | null = null;
  try { channel = ctx.channels(channelName(fingerprint)); } catch { channel = null; }
  if (!channel) return;
  channel.onmessage = (event) => { void ctx.idle.track(received(ctx, event.data).catch(() => undefined)); };
  ctx.channel = channel;
}

/** Tells the other tabs that a plan was saved as revision `rev`. */
export function announce(ctx: StoreContext, plan: Plan, rev: number): void {
  const message: PlanAnnouncement = { type: 'plan-saved', planId: plan.id, updatedAt: plan.updatedAt, tab: ctx.tabId, rev };
  try { ctx.channel?.postMessage(message); } catch { /* a closed channel: the save-time check still holds */ }
}

/** Another tab's message, checked like any input: anything else is ignored. */
function announcementOf(data: unknown): PlanAnnouncement | null {
  if (!data || typeof data !== 'object') return null;
  const m = data as Record<string, unknown>;
  if (m.type !== 'plan-saved' || typeof m.planId !== 'string' || m.planId.length > 256 || typeof m.tab !== 'string' || typeof m.updatedAt !== 'string') return null;
  if (typeof m.rev !== 'number' || !Number.isInteger(m.rev) || m.rev < 1) return null;
  return { type: 'plan-saved', planId: m.planId, updatedAt: m.updatedAt, tab: m.tab, rev: m.rev };
}

/** The tab has edits of this plan not yet in storage: a stroke in progress or a save waiting. */
export function unsaved(ctx: StoreContext, id: string): boolean {
  return (ctx.stroke !== null && ctx.get().activePlanId === id) || ctx.saves.pending(`plan:${id}`);
}

async function received(ctx: StoreContext, data: unknown): Promise<void> {
  const m = announcementOf(data);
  if (!m || m.tab === ctx.tabId) return;
  if (m.rev <= (ctx.revs.get(m.planId) ?? 0)) return;
  const s = ctx.get();
  if (!s.dataset) return;
  if (unsaved(ctx, m.planId)) {
    // never overwritten: the planner chooses (and the next save keeps this tab's version as a copy anyway)
    if (m.planId === s.activePlanId) ctx.set({ planConflict: { planId: m.planId, name: s.plans.find((p) => p.id === m.planId)?.name ?? m.planId, updatedAt: m.updatedAt } });
    return;
  }
  await reloadPlan(ctx, m.planId, m.planId === s.activePlanId);
}

/**
 * Reads a plan's stored version into the list (validated like any stored plan) and, when it is shown,
 * onto the screen: working arrays rebuilt, results recomputed. Returns whether it did.
 */
export async function reloadPlan(ctx: StoreContext, id: string, show: boolean, force = false): Promise<boolean> {
  const ds = ctx.get().dataset;
  if (!ds) return false;
  const record = await ctx.storage.getPlan(id).catch(() => null);
  const s = ctx.get();
  if (!record || s.dataset !== ds) return false;
  // only a plan of the data on screen (the channel is per data set; a message is not trusted for that)
  const ref = (record.plan as Partial<Plan> | null)?.dataset;
  if (ref?.schoolsFingerprint !== ds.schoolsFingerprint || ref?.populationFingerprint !== ds.populationFingerprint) return false;
  const c = checkedPlan(record.plan, `stored plan "${record.plan?.name ?? '?'}"`, ds);
  if (!c.ok) return false;
  // a stroke begun meanwhile: keep it, and ask
  if (!force && unsaved(ctx, id)) {
    if (show && s.activePlanId === id) ctx.set({ planConflict: { planId: id, name: c.plan.name, updatedAt: c.plan.updatedAt } });
    return false;
  }
  const plan = withActionIds(c.plan);
  ctx.revs.set(id, record.rev);
  const listed = s.plans.some((p) => p.id === id);
  ctx.set({ plans: listed ? s.plans.map((p) => (p.id === id ? plan : p)) : [...s.plans, plan] });
  if (!show) return true;
  await activatePlan(ctx, id);
  ctx.set({ notice: said('store:changedElsewhere', { name: plan.name }), planConflict: null });
  return true;
}
