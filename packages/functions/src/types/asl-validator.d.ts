// asl-validator 4.0.0 ships no type declarations; this is the part of its API the tests use.
declare module "asl-validator" {
  interface AslValidation {
    isValid: boolean;
    errors: { "Error code": string; Message: string }[];
    errorsText: (separator?: string) => string;
  }
  function validator(
    definition: unknown,
    options?: { checkPaths?: boolean; checkArn?: boolean },
  ): AslValidation;
  export default validator;
}
