/**
 * Every diagnostic code contract-gen reports. Codes are stable: tools and
 * people search for them, and docs/diagnostics.md documents each with a bad
 * example and the fix. Add, never renumber.
 *
 * - CG0xx: the contracts folder and its files
 * - CG1xx: the shape of services and callbacks
 * - CG2xx: data types
 * - CG3xx: naming
 * - CG4xx: breaking changes between two versions of the contracts: in
 *   {@link breakingCodes}, apart, because they are not problems of one
 *   contracts folder (docs/breaking.md documents them, not docs/diagnostics.md)
 */
export const codes = {
  /** A contract file does not parse. */
  syntaxError: 'CG001',
  /** An import that leaves the contracts folder, or a module that cannot be resolved. */
  importOutsideContracts: 'CG002',
  /** The contracts folder has no `.ts` files, or declares no service. */
  emptyContracts: 'CG003',
  /** The contracts folder does not exist or is not a folder. */
  contractsDirMissing: 'CG004',
  /** A module-level construct TypeScript refuses in a module, or that contracts cannot have (`export as namespace` in a `.ts`, `declare global`, `export =`). */
  moduleConstruct: 'CG005',
  /** A name imported from 'contract-gen' that it does not export, or an `extends` of an undeclared name close to a marker (`Servce`). */
  unknownContractGenName: 'CG006',

  /** A callback method returns something other than `void` (`Promise<void>` included). */
  callbackReturnsValue: 'CG101',
  /** An interface used as a callback (a service-method parameter) breaks the callback rules in another way. */
  callbackParamNotCallback: 'CG102',
  /** A callback interface appears inside data, or as a callback method's parameter, or nested in a type. */
  callbackInData: 'CG103',
  /** A service method does not return `Promise<T>`. */
  serviceMethodNotPromise: 'CG104',
  /** A service or callback interface declares a property instead of a method. */
  propertyOnInterface: 'CG105',
  /** A method is overloaded. */
  overloadedMethod: 'CG106',
  /** A method has type parameters of its own, or a rest parameter. */
  unsupportedSignature: 'CG107',
  /** A service or callback interface has no methods. */
  emptyInterface: 'CG108',
  /** A required parameter follows an optional one. */
  requiredAfterOptional: 'CG109',
  /** A service interface (a reference) anywhere but as a service method's result (`Promise<Room>`). */
  referenceInData: 'CG120',
  /** A callback method returns a service (a reference). */
  callbackReturnsReference: 'CG121',
  /** A service method returns a service of another contract file (generated modules would import each other in a loop). */
  referenceAcrossFiles: 'CG122',

  /** A function type inside data. */
  functionInData: 'CG201',
  /** A class instance type inside data. */
  classInData: 'CG202',
  /** `symbol` inside data. */
  symbolInData: 'CG203',
  /** `Map` or `Set` inside data. */
  mapOrSetInData: 'CG204',
  /** A type the checker cannot resolve. */
  unresolvedType: 'CG205',
  /** `any` (a warning: it crosses the wire unchecked). */
  anyType: 'CG206',
  /** Any other construct that cannot cross the wire (intersection, template literal, `never`, Promise in data...). */
  unsupportedType: 'CG207',
  /** Two members of a union that the wire cannot tell apart (`Date | string`, two objects with the same keys). */
  ambiguousUnion: 'CG210',
  /** An index signature whose key type is not string or number (template literal, symbol), or numeric beside properties. */
  indexKey: 'CG211',
  /** A named property beside an index signature that the index type does not accept. */
  indexMismatch: 'CG212',
  /** A refinement (type tag or JSDoc tag) that does not fit its type or has a bad argument. */
  badRefinement: 'CG213',

  /** Two declarations would produce the same name in generated code. */
  nameCollision: 'CG301',
  /** A name the protocol reserves (service or method names starting with `_`, `$cb`). */
  reservedName: 'CG302',
  /** A type used by a service or callback is not exported, so generated code cannot import it. */
  typeNotExported: 'CG303',
} as const;

export type DiagnosticCode = (typeof codes)[keyof typeof codes];

/**
 * Codes of `contract-gen breaking`: changes from one version of the contracts
 * to the next that break what is deployed. Each is documented, with an
 * example edit, in docs/breaking.md. Add, never renumber.
 */
export const breakingCodes = {
  /** A service was removed: its calls answer 404. */
  serviceRemoved: 'CG401',
  /** A service method was removed: its calls answer 404. */
  methodRemoved: 'CG402',
  /** A callback interface was removed: clients that subscribed with it hear nothing any more. */
  callbackRemoved: 'CG403',
  /** A callback method was removed: clients that listen for it never hear it again. */
  callbackMethodRemoved: 'CG404',
  /** A parameter was added that old senders do not send: a required one to a service method, any one to a callback method. */
  paramAdded: 'CG405',
  /** An optional parameter of a service method became required. */
  paramMadeRequired: 'CG406',
  /** A parameter old senders still send was removed: any one of a service method, a required one of a callback method. */
  paramRemoved: 'CG407',
  /** A type changed to one that shares no values with it (`number` → `string`, data → callback). */
  typeChanged: 'CG408',
  /** A type the server receives accepts less than before (`string` → `Date`, `string` → `'a' | 'b'`). */
  typeNarrowed: 'CG409',
  /** A type clients receive may carry what they could not read before (`Date` → `string`). */
  typeWidened: 'CG410',
  /** An enum member the server receives was removed. */
  enumMemberRemoved: 'CG411',
  /** An enum member kept its name but changed its value (values are what crosses the wire). */
  enumValueChanged: 'CG412',
  /** An enum member was added to a type clients receive. */
  enumMemberAdded: 'CG413',
  /** A required property was removed from a type clients receive. */
  propertyRemoved: 'CG414',
  /** A required property of a type clients receive became optional. */
  propertyMadeOptional: 'CG415',
  /** A required property was added to a type the server receives. */
  propertyAdded: 'CG416',
  /** An optional property of a type the server receives became required. */
  propertyMadeRequired: 'CG417',
  /** A union member (or literal) the server receives was removed. */
  unionMemberRemoved: 'CG418',
  /** A union member (or literal) was added to a type clients receive. */
  unionMemberAdded: 'CG419',
  /** A required parameter of a callback method became optional: old clients refuse events without it. */
  paramMadeOptional: 'CG420',
} as const;

export type BreakingCode = (typeof breakingCodes)[keyof typeof breakingCodes];
