/** Holiday calendars (data/market/calendars.json): CN-IB with make-up working weekends, and US. */
import { z } from 'zod';
import { HolidayCalendar, JointCalendar, type BusinessCalendar } from '../pricing/calendar.js';
import { DatedFileHeader, IsoDateSchema } from './schema-helpers.js';

export const CalendarsFileSchema = z
  .object({
    ...DatedFileHeader,
    calendars: z
      .array(
        z.object({
          id: z.string().min(1),
          description: z.string().optional(),
          coveredYears: z.tuple([z.number().int(), z.number().int()]),
          holidays: z.array(IsoDateSchema),
          /** Weekend days that are business days (调休 make-up days). */
          workingWeekends: z.array(IsoDateSchema).default([]),
        }),
      )
      .min(1),
  })
  .superRefine((f, ctx) => {
    for (const id of ['CN-IB', 'US']) {
      if (!f.calendars.some((c) => c.id === id)) ctx.addIssue({ code: 'custom', path: ['calendars'], message: `calendar "${id}" is required` });
    }
  });
export type CalendarsFile = z.infer<typeof CalendarsFileSchema>;

export interface Calendars {
  /** China interbank: bonds, NCD, repo, lending settlement. */
  cnIb: BusinessCalendar;
  us: BusinessCalendar;
  /** Joint CN-IB + US: USD/CNY value dates. */
  usdCny: BusinessCalendar;
}

export function buildCalendars(file: CalendarsFile): Calendars {
  const make = (id: string) => {
    const c = file.calendars.find((x) => x.id === id)!;
    return HolidayCalendar.fromIso(id, c.holidays, c.workingWeekends, c.coveredYears);
  };
  const cnIb = make('CN-IB');
  const us = make('US');
  return { cnIb, us, usdCny: new JointCalendar([cnIb, us]) };
}
