import type { Command } from '../args';
import * as assign from './assign';
import * as balance from './balance';
import * as closures from './closures';
import * as optimise from './optimise';
import * as mergers from './mergers';
import * as project from './project';
import * as scenario from './scenario';
import * as validate from './validate';

export const MAIN_HELP = `School zoning planner command line

Usage: npm run --silent cli -- <command> [options]

Commands:
  validate   check schools and/or population files and list every problem
  assign     nearest-school catchments, statistics, flags and zone outlines
  project    enrollment, classes and flags of every school, year by year
  scenario   apply a layout scenario (closures, mergers, openings, housing) and measure its outcomes
  mergers    undersized schools with the best receiving school for each
  optimise   propose capacity-aware, contiguous attendance zones for a level (with the gap to the LP bound)
  closures   which schools to close with the least added travel, receivers within their places
  balance    the county balance evaluation (coefficients of variation) and what it takes to pass

Run a command with --help for its options. Exit codes: 0 success, 1 bad input, 2 bad usage, 70 internal error.
`;

/** Every command, by the name it is run with. */
export const COMMANDS: Record<string, Command> = { validate, assign, project, scenario, mergers, optimise, closures, balance };
