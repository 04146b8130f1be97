/**
 * defaultRefusal: an optional workflow start variable whose default fails Dify's own input
 * check (BaseAppGenerator._validate_inputs) cannot be left out, so it is typed as required.
 */
import { describe, expect, it } from 'vitest';
import { defaultRefusal, type StartVariable } from '../../src/sources/workflow-default.js';

const v = (type: string, value: StartVariable['default'], extra: Partial<StartVariable> = {}): StartVariable => ({ name: 'x', type, default: value, options: [], ...extra });

describe('defaultRefusal', () => {
  it.each<[string, { given: StartVariable; want: string | undefined }]>([
    ['no default', { given: v('select', undefined, { options: ['a'] }), want: undefined }],
    ['a null default', { given: v('select', null, { options: ['a'] }), want: undefined }],
    ['a select default among the options', { given: v('select', 'a', { options: ['a', 'b'] }), want: undefined }],
    ["a select default ''", { given: v('select', '', { options: ['a', 'b'] }), want: "x in input form must be one of the following: ['a', 'b']" }],
    ['a select default not among the options', { given: v('select', 'c', { options: ['a', 'b'] }), want: "x in input form must be one of the following: ['a', 'b']" }],
    ['a select default that is a number', { given: v('select', 1, { options: ['1'] }), want: 'x in input form must be a string' }],
    ['a text default', { given: v('text-input', 'hi'), want: undefined }],
    ['a text default that is a number', { given: v('text-input', 5), want: 'x in input form must be a string' }],
    ['a paragraph default over max_length (code points)', { given: v('paragraph', 'abcd', { maxLength: 3 }), want: 'x in input form must be less than 3 characters' }],
    ['a paragraph default of 3 code points, 4 UTF-16 units', { given: v('paragraph', 'ab😀', { maxLength: 3 }), want: undefined }],
    ['a number default', { given: v('number', 200), want: undefined }],
    ["a number default ''", { given: v('number', ''), want: undefined }],
    ['a number default as text', { given: v('number', ' 1_000 '), want: undefined }],
    ['a number default as decimal text', { given: v('number', '2.5'), want: undefined }],
    ['a number default in exponent form without a point (int() refuses it)', { given: v('number', '1e3'), want: 'x in input form must be a valid number' }],
    ['a number default that is a word', { given: v('number', 'many'), want: 'x in input form must be a valid number' }],
    ['a number default that is a list', { given: v('number', [1]), want: 'expected value type int, float or str, got another type, value: 1' }],
    ['a checkbox default of any kind', { given: v('checkbox', 'maybe'), want: undefined }],
    ["a file default ''", { given: v('file', ''), want: undefined }],
    ['a file default that is text', { given: v('file', 'a.png'), want: 'x in input form must be a file' }],
    ['a file-list default []', { given: v('file-list', []), want: undefined }],
    ['a file-list default that is text', { given: v('file-list', 'a'), want: 'x in input form must be a list of files' }],
    ['a json_object default {}', { given: v('json_object', new Map()), want: undefined }],
    ["a json_object default ''", { given: v('json_object', ''), want: undefined }],
    ['a json_object default that is text', { given: v('json_object', '{"a": 1}'), want: 'x in input form must be a dict' }],
  ])('%s', (_name, { given, want }) => {
    expect(defaultRefusal(given)).toBe(want);
  });
});
