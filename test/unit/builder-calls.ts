/**
 * Builder calls of templates/validators.ts written as code (`v.object({ a: v.string() })`),
 * read into the emitter's expression tree, so that a test can state a validator as the calls
 * it stands for and encode it with `validatorText` (src/emit/typescript/schema.ts).
 */
import ts from 'typescript';
import type { Expression } from '../../src/emit/typescript/ast.js';
import { call } from '../../src/emit/typescript/schema.js';

/** Builder calls written as code (`v.object({ a: v.string() })`) → the emitter's expression tree. */
export function expressionOf(code: string): Expression {
  const source = ts.createSourceFile('x.ts', `(${code})`, ts.ScriptTarget.ES2022, true);
  const statement = source.statements[0] as ts.ExpressionStatement;
  return toExpression((statement.expression as ts.ParenthesizedExpression).expression);
}

function toExpression(node: ts.Expression): Expression {
  if (ts.isCallExpression(node)) return call(node.expression.getText(), ...node.arguments.map(toExpression));
  if (ts.isArrowFunction(node)) return { kind: 'arrow', body: toExpression(node.body as ts.Expression) };
  if (ts.isIdentifier(node)) return { kind: 'identifier', name: node.text };
  if (ts.isStringLiteral(node)) return { kind: 'string', value: node.text };
  if (ts.isNumericLiteral(node)) return { kind: 'number', value: Number(node.text) };
  if (ts.isPrefixUnaryExpression(node)) return { kind: 'number', value: -Number((node.operand as ts.NumericLiteral).text) };
  if (node.kind === ts.SyntaxKind.TrueKeyword || node.kind === ts.SyntaxKind.FalseKeyword) return { kind: 'boolean', value: node.kind === ts.SyntaxKind.TrueKeyword };
  if (node.kind === ts.SyntaxKind.NullKeyword) return { kind: 'null' };
  if (ts.isArrayLiteralExpression(node)) return { kind: 'array', elements: node.elements.map(toExpression) };
  if (ts.isObjectLiteralExpression(node)) {
    return {
      kind: 'object',
      properties: node.properties.map((p) => {
        const assignment = p as ts.PropertyAssignment;
        const key = ts.isComputedPropertyName(assignment.name) ? (assignment.name.expression as ts.StringLiteral).text : (assignment.name as ts.Identifier | ts.StringLiteral).text;
        return { key, value: toExpression(assignment.initializer) };
      }),
    };
  }
  throw new Error(`test: no expression for ${node.getText()}`);
}
